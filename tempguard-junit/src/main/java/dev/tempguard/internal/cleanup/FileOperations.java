package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The few file system calls {@link DeletionEngine} makes, so that tests can inject
 * faults. None of them follows a symbolic link in the last element of the path.
 */
interface FileOperations {

	/**
	 * Deletes a file, a symbolic link (not its target) or an empty directory.
	 * @param path the path to delete
	 * @throws java.nio.file.DirectoryNotEmptyException if {@code path} is a directory
	 * that is not empty
	 * @throws IOException on any other failure
	 */
	void delete(Path path) throws IOException;

	/**
	 * The entries of a directory.
	 * @param directory the directory
	 * @return its entries, each resolved against {@code directory}
	 * @throws IOException if the directory cannot be listed
	 */
	List<Path> list(Path directory) throws IOException;

	/**
	 * The real path of {@code path}, every symbolic link resolved.
	 * @param path the path
	 * @return the real path
	 * @throws IOException if it cannot be resolved
	 */
	Path toRealPath(Path path) throws IOException;

	/**
	 * An identifier of the file system (device) {@code path} lives on, to notice mount
	 * points.
	 * @param path the path
	 * @return the identifier or {@code null} where the platform has none
	 * @throws IOException if it cannot be read
	 */
	@Nullable Object fileSystemId(Path path) throws IOException;

	/**
	 * Opens {@code directory} so that its entries can be listed, deleted and opened by
	 * name relative to it, never following a link: a directory swapped for a link once it
	 * is open cannot redirect a deletion. {@code null} where the file system cannot
	 * (Windows), and for test doubles: entries are then deleted by path.
	 * @param directory the directory, which must not be a link
	 * @return the open directory, or {@code null}
	 * @throws IOException if it cannot be opened
	 */
	default @Nullable SecureDirectoryStream<Path> openSecure(Path directory) throws IOException {
		return null;
	}

	/**
	 * Gives the owner back read, write and, for a directory, execute permission. Does
	 * nothing for a symbolic link: changing a link's permissions would change its
	 * target's; nor, on POSIX systems, for a file, which a directory's permissions alone
	 * let delete (a hard link's change would be its other names' too).
	 * @param path the file or directory
	 * @throws IOException if the permissions cannot be changed
	 */
	void grantOwnerAccess(Path path) throws IOException;

	/**
	 * The operations of the default file system.
	 * @return the standard operations
	 */
	static FileOperations standard() {
		return StandardFileOperations.INSTANCE;
	}

	/**
	 * {@link FileOperations} backed by {@link Files}.
	 */
	final class StandardFileOperations implements FileOperations {

		static final StandardFileOperations INSTANCE = new StandardFileOperations();

		private static final LinkOption[] NOFOLLOW = { LinkOption.NOFOLLOW_LINKS };

		private StandardFileOperations() {
		}

		@Override
		public void delete(Path path) throws IOException {
			// Fast path: java.io's delete is a single unlink for a file, where
			// Files.delete adds an lstat. Neither follows a link. It gives no reason on
			// failure, so Files.delete then runs to throw the real exception
			if (path.getFileSystem() == FileSystems.getDefault() && path.toFile().delete()) {
				return;
			}
			Files.delete(path);
		}

		@Override
		public List<Path> list(Path directory) throws IOException {
			// Read the whole listing and close the stream: deep trees would otherwise
			// hold one open descriptor per level
			List<Path> entries = new ArrayList<>();
			try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
				for (Path entry : stream) {
					entries.add(entry);
				}
			}
			catch (DirectoryIteratorException ex) {
				throw ex.getCause();
			}
			return entries;
		}

		@Override
		public @Nullable SecureDirectoryStream<Path> openSecure(Path directory) throws IOException {
			DirectoryStream<Path> stream = Files.newDirectoryStream(directory);
			if (stream instanceof SecureDirectoryStream<Path> secure) {
				return secure;
			}
			stream.close();
			return null;
		}

		@Override
		public Path toRealPath(Path path) throws IOException {
			return path.toRealPath();
		}

		@Override
		public @Nullable Object fileSystemId(Path path) throws IOException {
			try {
				return Files.getAttribute(path, "unix:dev", NOFOLLOW);
			}
			catch (UnsupportedOperationException | IllegalArgumentException ex) {
				return null;
			}
		}

		@Override
		public void grantOwnerAccess(Path path) throws IOException {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
			if (attributes.isSymbolicLink()) {
				return;
			}
			PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
			if (posix != null) {
				if (!attributes.isDirectory()) {
					return;
				}
				Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
				permissions.addAll(posix.readAttributes().permissions());
				boolean changed = permissions.add(PosixFilePermission.OWNER_READ);
				changed |= permissions.add(PosixFilePermission.OWNER_WRITE);
				if (attributes.isDirectory()) {
					changed |= permissions.add(PosixFilePermission.OWNER_EXECUTE);
				}
				if (changed) {
					setPermissions(path, posix, permissions);
				}
				return;
			}
			DosFileAttributeView dos = Files.getFileAttributeView(path, DosFileAttributeView.class, NOFOLLOW);
			if (dos != null) {
				dos.setReadOnly(false);
			}
		}

		private void setPermissions(Path path, PosixFileAttributeView posix, Set<PosixFilePermission> permissions)
				throws IOException {
			try {
				posix.setPermissions(permissions);
			}
			catch (IOException ex) {
				// The no-follow variant opens the file for reading first, which fails
				// when the owner has no read permission; it was not a link just now, so
				// chmod by path (which would follow one) is safe
				if (Files.isSymbolicLink(path)) {
					throw ex;
				}
				try {
					Files.setPosixFilePermissions(path, permissions);
				}
				catch (IOException retryEx) {
					retryEx.addSuppressed(ex);
					throw retryEx;
				}
			}
		}

	}

}
