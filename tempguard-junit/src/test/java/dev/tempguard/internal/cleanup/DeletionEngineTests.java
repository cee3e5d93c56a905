package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.tempguard.CleanupResult;
import dev.tempguard.CleanupResult.CleanupFailure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DeletionEngine}.
 */
class DeletionEngineTests {

	private static final Duration FAST_BACKOFF = Duration.ofMillis(1);

	private final DeletionEngine engine = new DeletionEngine(PathGuard.defaults());

	@TempDir
	Path temp;

	@Test
	void deletesNestedTreeChildrenBeforeParents() throws IOException {
		Path tree = this.temp.resolve("tree");
		Files.createDirectories(tree.resolve("a/b/c"));
		Files.createDirectories(tree.resolve("d/e"));
		Files.createDirectories(tree.resolve("empty"));
		Files.writeString(tree.resolve("a/b/c/deep.txt"), "x");
		Files.writeString(tree.resolve("a/b/mid.txt"), "x");
		Files.writeString(tree.resolve("a/top.txt"), "x");
		Files.writeString(tree.resolve("d/e/other.txt"), "x");
		List<Path> all = walk(tree);
		CleanupResult result = this.engine.delete(tree);
		assertThat(tree).doesNotExist();
		assertThat(result.failures()).isEmpty();
		assertThat(result.kept()).isEmpty();
		assertThat(result.deleted()).containsExactlyInAnyOrderElementsOf(all);
		List<Path> deleted = result.deleted();
		for (int i = 0; i < deleted.size(); i++) {
			for (int j = i + 1; j < deleted.size(); j++) {
				assertThat(deleted.get(j).startsWith(deleted.get(i)))
					.as("%s deleted before its descendant %s", deleted.get(i), deleted.get(j))
					.isFalse();
			}
		}
		assertThat(deleted.get(deleted.size() - 1)).isEqualTo(tree);
	}

	@Test
	void deletesSingleFile() throws IOException {
		Path file = Files.writeString(this.temp.resolve("file.txt"), "x");
		assertThat(this.engine.delete(file).deleted()).containsExactly(file);
		assertThat(file).doesNotExist();
	}

	@Test
	void deletesLinkToOutsideDirectoryButNeverItsTarget() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Path canary = Files.writeString(outside.resolve("canary.txt"), "alive");
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path link = Files.createSymbolicLink(tree.resolve("link"), outside);
		CleanupResult result = this.engine.delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(link, tree);
		assertThat(tree).doesNotExist();
		assertThat(canary).hasContent("alive");
		// The link as the path to delete
		Path topLink = Files.createSymbolicLink(this.temp.resolve("top-link"), outside);
		assertThat(this.engine.delete(topLink).deleted()).containsExactly(topLink);
		assertThat(topLink).doesNotExist();
		assertThat(canary).hasContent("alive");
	}

	@Test
	void deletesLinkToOutsideFileButNeverItsTarget() throws IOException {
		Path canary = Files.writeString(this.temp.resolve("canary.txt"), "alive");
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Files.createSymbolicLink(tree.resolve("link"), canary);
		assertThat(this.engine.delete(tree).failures()).isEmpty();
		assertThat(tree).doesNotExist();
		assertThat(canary).hasContent("alive");
	}

	@Test
	void deletesDanglingLink() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path link = Files.createSymbolicLink(tree.resolve("dangling"), this.temp.resolve("missing"));
		CleanupResult result = this.engine.delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(link, tree);
		assertThat(tree).doesNotExist();
	}

	@Test
	void deletesSymbolicLinkLoops() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Files.createSymbolicLink(tree.resolve("one"), tree.resolve("two"));
		Files.createSymbolicLink(tree.resolve("two"), tree.resolve("one"));
		Files.createDirectory(tree.resolve("sub"));
		Files.createSymbolicLink(tree.resolve("sub/self"), tree);
		Files.createSymbolicLink(tree.resolve("sub/parent"), Path.of(".."));
		CleanupResult result = this.engine.delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(6);
		assertThat(tree).doesNotExist();
		assertThat(this.temp).isEmptyDirectory();
	}

	@Test
	void deletesReadOnlyFilesAndDirectories() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path readOnlyDirectory = Files.createDirectories(tree.resolve("read-only/inner"));
		Files.writeString(readOnlyDirectory.resolve("file.txt"), "x");
		Path readOnlyFile = Files.writeString(tree.resolve("read-only-file.txt"), "x");
		Files.setPosixFilePermissions(readOnlyFile, PosixFilePermissions.fromString("r--r--r--"));
		Files.setPosixFilePermissions(readOnlyDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(readOnlyDirectory.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
		CleanupResult result = this.engine.delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(tree).doesNotExist();
	}

	@Test
	void givesOwnerPermissionsBackWhenAccessIsDenied() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path unlistable = Files.createDirectory(tree.resolve("unlistable"));
		Path locked = Files.createDirectory(tree.resolve("locked"));
		Path file = Files.writeString(locked.resolve("file.txt"), "x");
		Files.writeString(unlistable.resolve("inside.txt"), "x");
		// As root permissions do not bite, so deny until the engine asks for them back,
		// as the kernel would
		Set<Path> granted = ConcurrentHashMap.newKeySet();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				if (path.equals(file) && !granted.contains(locked)) {
					throw new AccessDeniedException(path.toString());
				}
				super.delete(path);
			}

			@Override
			public List<Path> list(Path directory) throws IOException {
				if (directory.equals(unlistable) && !granted.contains(unlistable)) {
					throw new AccessDeniedException(directory.toString());
				}
				return super.list(directory);
			}

			@Override
			public void grantOwnerAccess(Path path) throws IOException {
				granted.add(path);
				super.grantOwnerAccess(path);
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(granted).contains(locked, unlistable);
		assertThat(result.deleted()).contains(file, unlistable.resolve("inside.txt"));
		assertThat(tree).doesNotExist();
	}

	@Test
	void grantOwnerAccessRestoresADirectorysOwnerPermissionsButNeverAFilesNorThroughLinks() throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("dir"));
		Path file = Files.writeString(this.temp.resolve("file.txt"), "x");
		Path target = Files.writeString(this.temp.resolve("target.txt"), "x");
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), target);
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("---------"));
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---r--r--"));
		Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--------"));
		FileOperations ops = FileOperations.standard();
		ops.grantOwnerAccess(directory);
		ops.grantOwnerAccess(file);
		ops.grantOwnerAccess(link);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		// deleting a file needs its directory's permissions only; its own are its other
		// (hard-linked) names' too
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("---r--r--");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("r--------");
	}

	@Test
	void reportsFailingFileAndItsAncestorsAndDeletesEverythingElse() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path stuckParent = Files.createDirectories(tree.resolve("a/b"));
		Path stuck = Files.writeString(stuckParent.resolve("stuck.txt"), "x");
		Files.writeString(stuckParent.resolve("fine.txt"), "x");
		Files.createDirectories(tree.resolve("a/sibling/deeper"));
		Files.writeString(tree.resolve("a/sibling/deeper/f.txt"), "x");
		Files.createDirectories(tree.resolve("c"));
		Files.writeString(tree.resolve("c/f.txt"), "x");
		Files.writeString(tree.resolve("z.txt"), "x");
		IOException cause = new IOException("device says no");
		AtomicInteger attempts = new AtomicInteger();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				if (path.equals(stuck)) {
					attempts.incrementAndGet();
					throw cause;
				}
				super.delete(path);
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(result.failures()).extracting(CleanupFailure::path)
			.containsExactly(stuck, stuckParent, stuckParent.getParent(), tree);
		assertThat(result.failures().get(0).cause()).isSameAs(cause);
		assertThat(result.failures().subList(1, 4)).extracting(CleanupFailure::cause)
			.allMatch(DirectoryNotEmptyException.class::isInstance);
		assertThat(attempts).hasValue(5);
		assertThat(walk(tree)).containsExactlyInAnyOrder(tree, stuckParent.getParent(), stuckParent, stuck);
		assertThat(result.deleted()).hasSize(7);
	}

	@Test
	void manyStuckFilesShareOneBoundedBudgetOfWaitsAndAreEachTriedAndReported() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		for (int i = 0; i < 50; i++) {
			Files.writeString(tree.resolve("stuck-" + i), "x");
		}
		Map<Path, Integer> attempts = new ConcurrentHashMap<>();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				if (path.getFileName().toString().startsWith("stuck-")) {
					attempts.merge(path, 1, Integer::sum);
					throw new FileSystemException(path.toString(), null, "Device or resource busy");
				}
				super.delete(path);
			}

		};
		List<Duration> waits = new ArrayList<>();

		CleanupResult result = engine(ops, waits).delete(tree);

		// Each retry waits 1, 2, 4, 8ms; the waits of one delete() share a budget of 4
		// times the longest, 64ms, instead of 50 x 15ms
		assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMillis(64));
		assertThat(waits).startsWith(ms(1), ms(2), ms(4), ms(8), ms(1), ms(2), ms(4), ms(8));
		assertThat(attempts).hasSize(50).allSatisfy((path, count) -> assertThat(count).isBetween(1, 5));
		assertThat(attempts.values().stream().filter((count) -> count == 1)).as("tried once the budget is spent")
			.hasSize(44);
		assertThat(result.failures()).hasSize(51);
	}

	@Test
	void retriesTransientFailures() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path flaky = Files.writeString(tree.resolve("flaky.txt"), "x");
		AtomicInteger attempts = new AtomicInteger();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				if (path.equals(flaky) && attempts.incrementAndGet() <= 2) {
					throw new FileSystemException(path.toString(), null, "The process cannot access the file");
				}
				super.delete(path);
			}

		};
		List<Duration> waits = new ArrayList<>();
		CleanupResult result = engine(ops, waits).delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(flaky, tree);
		assertThat(attempts).hasValue(3);
		assertThat(waits).as("a backoff doubling from 1ms").containsExactly(ms(1), ms(2));
	}

	@Test
	void missingPathIsNotAFailure() {
		assertThat(this.engine.delete(this.temp.resolve("never-existed"))).isSameAs(CleanupResult.empty());
		assertThat(this.engine.delete(this.temp.resolve("missing/parent/too"))).isSameAs(CleanupResult.empty());
	}

	@Test
	void entryRemovedConcurrentlyIsNotAFailure() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path vanishing = Files.writeString(tree.resolve("vanishing.txt"), "x");
		Path vanishingDirectory = Files.createDirectory(tree.resolve("vanishing-dir"));
		Files.writeString(vanishingDirectory.resolve("f.txt"), "x");
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				if (path.equals(vanishing)) {
					Files.delete(path);
					throw new NoSuchFileException(path.toString());
				}
				super.delete(path);
			}

			@Override
			public List<Path> list(Path directory) throws IOException {
				if (directory.equals(vanishingDirectory)) {
					Files.delete(vanishingDirectory.resolve("f.txt"));
					Files.delete(vanishingDirectory);
					throw new NoSuchFileException(directory.toString());
				}
				return super.list(directory);
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(tree);
		assertThat(tree).doesNotExist();
	}

	@Test
	void deletesEntriesAddedConcurrently() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path original = Files.writeString(tree.resolve("original.txt"), "x");
		Path latecomer = tree.resolve("latecomer");
		AtomicBoolean added = new AtomicBoolean();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				super.delete(path);
				if (path.equals(original) && added.compareAndSet(false, true)) {
					Files.createDirectory(latecomer);
					Files.writeString(latecomer.resolve("f.txt"), "x");
				}
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(original, latecomer.resolve("f.txt"), latecomer, tree);
		assertThat(tree).doesNotExist();
	}

	@Test
	void neverDescendsIntoDirectoryWhoseRealPathLiesOutside() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Path canary = Files.writeString(outside.resolve("canary.txt"), "alive");
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path swapped = Files.createDirectory(tree.resolve("swapped"));
		Files.writeString(swapped.resolve("f.txt"), "x");
		Path other = Files.createDirectory(tree.resolve("other"));
		Files.writeString(other.resolve("f.txt"), "x");
		// As if "swapped" had been replaced by a link to "outside" after it was found to
		// be a directory
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public Path toRealPath(Path path) throws IOException {
				return path.equals(swapped) ? outside.toRealPath() : super.toRealPath(path);
			}

			@Override
			public List<Path> list(Path directory) throws IOException {
				return super.list(directory.equals(swapped) ? outside : directory);
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(canary).hasContent("alive");
		assertThat(result.failures()).extracting(CleanupFailure::path).containsExactly(swapped, tree);
		assertThat(result.failures().get(0).cause()).isInstanceOf(FileSystemException.class)
			.hasMessageContaining(swapped.toString())
			.hasMessageContaining(outside.toRealPath().toString())
			.hasMessageContaining("lies outside");
		assertThat(other).doesNotExist();
		assertThat(result.deleted()).containsExactly(other.resolve("f.txt"), other);
	}

	@Test
	void neverDescendsIntoMountPoint() throws IOException {
		Path tree = Files.createDirectory(this.temp.resolve("tree"));
		Path mount = Files.createDirectory(tree.resolve("mount"));
		Path inside = Files.writeString(mount.resolve("f.txt"), "x");
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public @Nullable Object fileSystemId(Path path) throws IOException {
				return path.equals(mount) ? "another-device" : super.fileSystemId(path);
			}

		};
		CleanupResult result = engine(ops).delete(tree);
		assertThat(inside).exists();
		assertThat(result.failures()).extracting(CleanupFailure::path).containsExactly(mount, tree);
		assertThat(result.failures().get(0).cause()).hasMessageContaining("mount point");
	}

	@Test
	void deletesVeryDeepTree() throws IOException {
		Path tree = this.temp.resolve("deep");
		Path deepest = tree;
		for (int i = 0; i < 300; i++) {
			deepest = deepest.resolve("d");
		}
		Files.createDirectories(deepest);
		Files.writeString(deepest.resolve("bottom.txt"), "x");
		CleanupResult result = this.engine.delete(tree);
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(302);
		assertThat(tree).doesNotExist();
	}

	@Test
	void refusesDangerousPathBeforeTouchingAnything() throws IOException {
		Path rootDir = Files.createDirectory(this.temp.resolve("root-dir"));
		Path file = Files.writeString(rootDir.resolve("file.txt"), "x");
		AtomicInteger calls = new AtomicInteger();
		FileOperations ops = new DelegatingFileOperations() {

			@Override
			public void delete(Path path) throws IOException {
				calls.incrementAndGet();
				super.delete(path);
			}

		};
		DeletionEngine engine = new DeletionEngine(PathGuard.defaults().with(rootDir), ops, 5, FAST_BACKOFF);
		assertThatIllegalArgumentException().isThrownBy(() -> engine.delete(rootDir))
			.withMessageContaining("Refusing to delete " + rootDir);
		assertThatIllegalArgumentException().isThrownBy(() -> engine.delete(Path.of(System.getProperty("user.home"))))
			.withMessageContaining("home directory");
		assertThat(calls).hasValue(0);
		assertThat(file).exists();
	}

	private DeletionEngine engine(FileOperations ops) {
		return engine(ops, new ArrayList<>());
	}

	// records each wait instead of sleeping
	private DeletionEngine engine(FileOperations ops, List<Duration> waits) {
		return new DeletionEngine(PathGuard.defaults(), ops, 5, FAST_BACKOFF,
				(nanos) -> waits.add(Duration.ofNanos(nanos)));
	}

	private static Duration ms(long millis) {
		return Duration.ofMillis(millis);
	}

	private static List<Path> walk(Path tree) throws IOException {
		try (Stream<Path> paths = Files.walk(tree)) {
			return paths.toList();
		}
	}

	/** Real file operations, overridden per test to inject faults. */
	static class DelegatingFileOperations implements FileOperations {

		private final FileOperations delegate = FileOperations.standard();

		@Override
		public void delete(Path path) throws IOException {
			this.delegate.delete(path);
		}

		@Override
		public List<Path> list(Path directory) throws IOException {
			return this.delegate.list(directory);
		}

		@Override
		public Path toRealPath(Path path) throws IOException {
			return this.delegate.toRealPath(path);
		}

		@Override
		public @Nullable Object fileSystemId(Path path) throws IOException {
			return this.delegate.fileSystemId(path);
		}

		@Override
		public void grantOwnerAccess(Path path) throws IOException {
			this.delegate.grantOwnerAccess(path);
		}

	}

}
