package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Iterator;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CleanupResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A directory of the tree swapped for a link to somewhere else while the engine deletes
 * its entries: nothing outside the tree is deleted. The swap happens at a chosen point,
 * the engine's listing of the directory, through the open directories the engine is
 * given.
 */
class DeletionRaceTests {

	@TempDir
	Path temp;

	@Test
	void aDirectorySwappedForALinkWhileItsEntriesAreDeletedDoesNotRedirectADeletionOutOfTheTree() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path sub = Files.createDirectory(tree.resolve("sub"));
		for (int i = 0; i < 20; i++) {
			Files.writeString(outside.resolve("f" + i), "canary");
			Files.writeString(sub.resolve("f" + i), "ours");
		}
		Path moved = this.temp.resolve("moved");
		FileOperations swapping = new DeletionEngineTests.DelegatingFileOperations() {

			@Override
			public @Nullable SecureDirectoryStream<Path> openSecure(Path directory) throws IOException {
				SecureDirectoryStream<Path> top = FileOperations.standard().openSecure(directory);
				assumeTrue(top != null, "directories can be held open on this file system");
				// sub is swapped for a link to outside once the engine has it open and
				// listed
				return new Swapping(top, () -> {
					Files.move(sub, moved, StandardCopyOption.ATOMIC_MOVE);
					Files.createSymbolicLink(sub, outside);
				});
			}

		};

		CleanupResult result = new DeletionEngine(PathGuard.defaults(), swapping, 1, java.time.Duration.ZERO)
			.delete(tree);

		for (int i = 0; i < 20; i++) {
			assertThat(outside.resolve("f" + i)).as("outside the tree").hasContent("canary");
		}
		assertThat(moved).as("the directory it had open, emptied").isEmptyDirectory();
		assertThat(result.deleted()).contains(sub.resolve("f0"));
		assertThat(sub).as("the link, deleted as a link").doesNotExist();
		Files.delete(moved);
	}

	/** Runs {@code swap} when a subdirectory the engine opened through it is listed. */
	private static final class Swapping extends Delegating {

		private final Swap swap;

		Swapping(SecureDirectoryStream<Path> delegate, Swap swap) {
			super(delegate);
			this.swap = swap;
		}

		@Override
		public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
			SecureDirectoryStream<Path> opened = super.newDirectoryStream(path, options);
			return new Delegating(opened) {

				@Override
				public Iterator<Path> iterator() {
					Iterator<Path> entries = super.iterator();
					try {
						Swapping.this.swap.run();
					}
					catch (IOException ex) {
						throw new IllegalStateException(ex);
					}
					return entries;
				}

			};
		}

	}

	@FunctionalInterface
	private interface Swap {

		void run() throws IOException;

	}

	/** An open directory that does what the one it wraps does. */
	private static class Delegating implements SecureDirectoryStream<Path> {

		private final SecureDirectoryStream<Path> delegate;

		Delegating(SecureDirectoryStream<Path> delegate) {
			this.delegate = delegate;
		}

		@Override
		public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) throws IOException {
			return this.delegate.newDirectoryStream(path, options);
		}

		@Override
		public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
				FileAttribute<?>... attrs) throws IOException {
			return this.delegate.newByteChannel(path, options, attrs);
		}

		@Override
		public void deleteFile(Path path) throws IOException {
			this.delegate.deleteFile(path);
		}

		@Override
		public void deleteDirectory(Path path) throws IOException {
			this.delegate.deleteDirectory(path);
		}

		@Override
		public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath) throws IOException {
			this.delegate.move(srcpath, targetdir, targetpath);
		}

		@Override
		public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
			return this.delegate.getFileAttributeView(type);
		}

		@Override
		public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
			return this.delegate.getFileAttributeView(path, type, options);
		}

		@Override
		public Iterator<Path> iterator() {
			return this.delegate.iterator();
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

}
