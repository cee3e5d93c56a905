package dev.tempguard.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CleanupResult;
import dev.tempguard.CleanupResult.CleanupFailure;
import dev.tempguard.TempDirectory;
import dev.tempguard.TempStats;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.testing.Processes.Result;
import dev.tempguard.testing.UnprivilegedUser;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Faults a test suite throws at tempguard's cleanup, each through the public
 * {@code TempFileRegistry} over a fresh runtime (root-dir below a {@code @TempDir}).
 * Every case asserts that nothing registered is left, that the canaries outside what was
 * registered keep their content, modification time and permissions (checked after every
 * test), and, where something cannot be deleted, that each failure is reported with its
 * path and cause.
 * <p>
 * The build runs as root, which ignores permissions: permission cases run either as the
 * unprivileged user {@code tempguard-test} (a separate JVM through {@code runuser},
 * skipped where that is not possible) or with an injected {@code FileOperations} that
 * refuses what the kernel would refuse an unprivileged owner. Faults are injected through
 * {@link InjectedFaults}.
 */
class FaultInjectionTests {

	@TempDir
	Path temp;

	private TempGuardRuntime runtime;

	private DefaultTempFileRegistry registry;

	private Path outside;

	private final Map<Path, Snapshot> canaries = new LinkedHashMap<>();

	@BeforeEach
	void freshRegistryAndCanaries() throws IOException {
		this.runtime = TestRuntimes.create();
		this.registry = this.runtime.registry(this.temp.resolve("root"));
		this.outside = Files.createDirectory(this.temp.resolve("outside"));
		Path directory = Files.createDirectory(this.outside.resolve("directory"));
		Files.writeString(directory.resolve("inner canary.txt"), "inner canary");
		Files.writeString(this.outside.resolve("canary.txt"), "canary");
		// permissions root does not need, so that a chmod through a link would show
		Files.setPosixFilePermissions(directory.resolve("inner canary.txt"),
				PosixFilePermissions.fromString("r--------"));
		Files.setPosixFilePermissions(this.outside.resolve("canary.txt"), PosixFilePermissions.fromString("r--------"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r-x------"));
		// modification times in the past, so that any write shows
		FileTime past = FileTime.fromMillis(System.currentTimeMillis() - TimeUnit.DAYS.toMillis(3));
		try (Stream<Path> paths = Files.walk(this.outside)) {
			for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
				Files.setLastModifiedTime(path, past);
			}
		}
		try (Stream<Path> paths = Files.walk(this.outside)) {
			for (Path path : paths.toList()) {
				this.canaries.put(path, Snapshot.of(path));
			}
		}
	}

	@AfterEach
	void canariesOutsideAreUntouched() throws IOException {
		for (Map.Entry<Path, Snapshot> canary : this.canaries.entrySet()) {
			assertThat(Snapshot.of(canary.getKey())).as("canary %s", canary.getKey()).isEqualTo(canary.getValue());
		}
		try (Stream<Path> paths = Files.walk(this.outside)) {
			assertThat(paths.toList()).as("nothing new outside")
				.containsExactlyInAnyOrderElementsOf(this.canaries.keySet());
		}
	}

	// -- links

	@Test
	void symbolicLinksToAnOutsideFileAndDirectoryAreDeletedAsLinksAndTheirTargetsSurvive() throws IOException {
		Path tree = this.registry.createDirectory();
		Files.createSymbolicLink(tree.resolve("to-file"), this.outside.resolve("canary.txt"));
		Files.createSymbolicLink(tree.resolve("to-directory"), this.outside.resolve("directory"));
		Files.createSymbolicLink(Files.createDirectory(tree.resolve("sub")).resolve("to-outside"), this.outside);
		Path fileLink = this.registry.register(Files.createSymbolicLink(tree.resolveSibling("registered-link-to-file"),
				this.outside.resolve("canary.txt")));
		Path directoryLink = this.registry.register(Files.createSymbolicLink(
				tree.resolveSibling("registered-link-to-directory"), this.outside.resolve("directory")));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).contains(fileLink, directoryLink, tree.resolve("to-file"),
				tree.resolve("to-directory"));
		assertNothingLeft(tree, fileLink, directoryLink);
	}

	@Test
	void aSymbolicLinkLoopIsDeletedWithoutFollowingIt() throws IOException {
		Path tree = this.registry.createDirectory();
		Files.createSymbolicLink(tree.resolve("one"), tree.resolve("two"));
		Files.createSymbolicLink(tree.resolve("two"), tree.resolve("one"));
		Path sub = Files.createDirectory(tree.resolve("sub"));
		Files.createSymbolicLink(sub.resolve("up"), Path.of(".."));
		Files.createSymbolicLink(sub.resolve("self"), sub);
		Path loop = this.registry
			.register(Files.createSymbolicLink(tree.resolveSibling("loop"), tree.resolveSibling("loop")));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(7);
		assertNothingLeft(tree, loop);
	}

	@Test
	void aDanglingSymbolicLinkIsDeletedRegisteredOrInsideARegisteredDirectory() throws IOException {
		Path tree = this.registry.createDirectory();
		Files.createSymbolicLink(tree.resolve("dangling"), this.outside.resolve("missing"));
		Path dangling = this.registry.register(
				Files.createSymbolicLink(tree.resolveSibling("dangling-registered"), this.outside.resolve("missing")));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).contains(dangling, tree.resolve("dangling"), tree);
		assertNothingLeft(tree, dangling);
		assertThat(this.outside.resolve("missing")).doesNotExist();
	}

	// -- what the test did to registered paths

	@Test
	void aRegisteredPathTheTestDeletedItselfIsNoFailureAndCountsAsDeleted() throws IOException {
		Path file = this.registry.createFile("gone", "txt");
		Path directory = this.registry.createDirectory();
		Path registered = this.registry.register(this.temp.resolve("never-created.txt"));
		Files.delete(file);
		Files.delete(directory);
		TempStats before = this.registry.stats();

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result).isEqualTo(CleanupResult.empty());
		TempStats after = this.registry.stats();
		assertThat(after.deleted() - before.deleted()).isEqualTo(3);
		assertThat(after.leaked() - before.leaked()).isZero();
		assertThat(after.cleanupFailures() - before.cleanupFailures()).isZero();
		assertNothingLeft(file, directory, registered);
	}

	/**
	 * A rename leaves the registered name empty; the new name was never registered and is
	 * not touched.
	 */
	@Test
	void aRegisteredPathTheTestRenamedIsGoneAndItsNewNameWhichWasNeverRegisteredIsNotTouched() throws IOException {
		Path file = this.registry.createFile("renamed", "txt");
		Path directory = this.registry.createTestDirectory().path();
		Files.writeString(directory.resolve("inside.txt"), "inside");
		Path renamedFile = Files.move(file, this.temp.resolve("renamed.txt"));
		Path renamedDirectory = Files.move(directory, this.temp.resolve("renamed-directory"));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).isEmpty();
		assertNothingLeft(file, directory);
		assertThat(renamedFile).hasContent("renamed");
		assertThat(renamedDirectory.resolve("inside.txt")).hasContent("inside");
	}

	@Test
	void aRegisteredFileReplacedByADirectoryOrALinkIsDeletedWholeAndALinkNeverFollowed() throws IOException {
		Path file = this.registry.createFile("a file", "txt");
		Path registered = this.registry
			.register(Files.writeString(this.temp.resolve("registered.txt"), "made elsewhere"));
		Path directory = this.registry.createDirectory();
		// a file becomes a directory tree
		Files.delete(file);
		Files.createDirectories(file.resolve("a/b"));
		Files.writeString(file.resolve("a/b/deep.txt"), "deep");
		// a file becomes a link to an outside directory
		Files.delete(registered);
		Files.createSymbolicLink(registered, this.outside.resolve("directory"));
		// a directory becomes a file
		Files.delete(directory);
		Files.writeString(directory, "was a directory");

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).contains(file.resolve("a/b/deep.txt"), file, registered, directory);
		assertNothingLeft(file, registered, directory);
	}

	/**
	 * A file registered inside a registered directory goes with that directory: when the
	 * test replaced the directory by a link to an outside directory, the link is deleted
	 * and nothing is deleted through it.
	 */
	@Test
	void aRegisteredFileInARegisteredDirectoryTheTestReplacedByALinkIsNeverDeletedThroughTheLink() throws IOException {
		Path directory = this.registry.createDirectory();
		// the same name as a canary in the outside directory
		Path inside = this.registry.register(Files.writeString(directory.resolve("inner canary.txt"), "mine"));
		Files.delete(inside);
		Files.delete(directory);
		Files.createSymbolicLink(directory, this.outside.resolve("directory"));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).containsExactly(directory);
		assertNothingLeft(directory);
		assertThat(this.outside.resolve("directory/inner canary.txt")).hasContent("inner canary");
	}

	// -- size and names

	@Test
	void aRegisteredFileWhoseUntrackedDirectoryWasReplacedByALinkIsReportedNotDeletedThroughTheLink()
			throws IOException {
		// a directory the registry does not track (a @TempDir, say), holding a registered
		// file
		Path untracked = Files.createDirectory(this.temp.resolve("untracked"));
		Path registered = this.registry.register(Files.writeString(untracked.resolve("inner canary.txt"), "mine"));
		Files.delete(registered);
		Files.delete(untracked);
		Files.createSymbolicLink(untracked, this.outside.resolve("directory"));

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.deleted()).isEmpty();
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.path()).isEqualTo(registered);
			assertThat(failure.cause()).hasMessageContaining("now leads to " + this.outside.resolve("directory"));
		});
		assertThat(this.registry.stats().leaked()).isEqualTo(1);
		Files.delete(untracked);
	}

	@Test
	void aTreeOfTenThousandFilesIsDeletedEntirely() throws IOException {
		long start = System.nanoTime();
		Path tree = this.registry.createDirectory();
		for (int d = 0; d < 100; d++) {
			Path sub = Files.createDirectory(tree.resolve("d" + d));
			for (int f = 0; f < 100; f++) {
				Files.createFile(sub.resolve("f" + f));
			}
		}
		long created = System.nanoTime();

		CleanupResult result = this.registry.cleanupAll();

		System.out.println("[reliability] 10,000-file tree created in " + TimeUnit.NANOSECONDS.toMillis(created - start)
				+ " ms, cleaned in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - created) + " ms");
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(10_000 + 100 + 1);
		assertNothingLeft(tree);
	}

	@Test
	void twoHundredLevelsOfNestingWithAFileAtEachLevelAreDeleted() throws IOException {
		Path tree = this.registry.createDirectory();
		Path level = tree;
		for (int i = 0; i < 200; i++) {
			level = level.resolve("level-" + i);
		}
		Files.createDirectories(level);
		for (Path at = level; !at.equals(tree); at = at.getParent()) {
			Files.writeString(at.resolve("file.txt"), at.getFileName().toString());
		}

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(200 * 2 + 1);
		assertNothingLeft(tree);
	}

	@Test
	void namesWithSpacesNewlinesNonAsciiAndTwoHundredFiftyFiveBytesAreDeleted() throws IOException {
		List<String> names = List.of("with spaces", " leading and trailing ", "line\nbreak", "tab\tand\rreturn",
				"é accentué", "日本語", "emoji 🙂", "-rf", "~", "*", "back\\slash", "'quote\"", "a".repeat(255),
				"日".repeat(85), "é".repeat(127) + "x");
		for (String name : names) {
			assertThat(name.getBytes(StandardCharsets.UTF_8).length).as(name).isLessThanOrEqualTo(255);
		}
		Path tree = this.registry.createDirectory();
		List<Path> registered = new ArrayList<>();
		for (String name : names) {
			Path directory = Files.createDirectory(tree.resolve(name));
			Files.writeString(directory.resolve(name), name);
			registered.add(this.registry.register(Files.writeString(tree.resolveSibling(name), name)));
		}
		// a canary whose name a sloppy glob or trimming would match
		Path lookalike = Files.writeString(this.temp.resolve("with"), "lookalike");

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).hasSize(names.size() * 3 + 1);
		assertNothingLeft(tree);
		assertNothingLeft(registered.toArray(Path[]::new));
		assertThat(lookalike).hasContent("lookalike");
	}

	// -- open files

	@Test
	void aFileStillOpenForWritingIsDeletedOnLinuxWithoutFailure() throws IOException {
		assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "unlinking an open file is POSIX");
		Path file = this.registry.createFile("open", "log");
		Path tree = this.registry.createDirectory();
		Path inTree = Files.writeString(tree.resolve("open-in-tree.log"), "open");
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
				OutputStream stream = Files.newOutputStream(inTree, StandardOpenOption.APPEND)) {
			channel.write(ByteBuffer.wrap("still writing".getBytes(StandardCharsets.UTF_8)));
			stream.write(1);

			CleanupResult result = this.registry.cleanupAll();

			assertThat(result.failures()).isEmpty();
			assertThat(result.deleted()).contains(file, inTree, tree);
			assertNothingLeft(file, tree);
			// the writer does not notice: it writes to the unlinked file, and nothing
			// re-appears
			channel.write(ByteBuffer.wrap("after".getBytes(StandardCharsets.UTF_8)));
			stream.write(2);
		}
		assertNothingLeft(file, tree);
	}

	// -- permissions

	@Test
	void readOnlyFilesAndDirectoriesAndADirectoryWithoutExecutePermissionWithPermissionsEnforcedByInjection()
			throws IOException {
		Path tree = this.registry.createDirectory();
		Path readOnlyInner = Files.createDirectories(tree.resolve("read-only/inner"));
		Files.writeString(readOnlyInner.resolve("file.txt"), "x");
		Path noExecute = Files.createDirectory(tree.resolve("no-execute"));
		Files.writeString(Files.createDirectory(noExecute.resolve("sub")).resolve("hidden.txt"), "x");
		Path noAccess = Files.createDirectory(tree.resolve("no-access"));
		Files.writeString(noAccess.resolve("hidden.txt"), "x");
		Path readOnlyFile = Files.writeString(tree.resolve("read-only.txt"), "x");
		chmod(readOnlyFile, "r--r--r--");
		chmod(readOnlyInner.resolve("file.txt"), "r--r--r--");
		chmod(readOnlyInner, "r-xr-xr-x");
		chmod(readOnlyInner.getParent(), "r-xr-xr-x");
		chmod(noExecute, "rw-rw-rw-");
		chmod(noAccess, "---------");
		chmod(tree, "r-xr-xr-x");
		List<String> refused = new ArrayList<>();
		injectFaults((operation, path) -> {
			String denied = deniedToAnUnprivilegedOwner(operation, path, this.temp);
			if (denied != null) {
				refused.add(operation + " " + this.temp.relativize(path) + ": " + denied);
				throw new AccessDeniedException(path.toString(), null, denied);
			}
		});

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(refused).as("the injected permission checks did refuse, so permissions were given back")
			.isNotEmpty();
		assertNothingLeft(tree);
	}

	/**
	 * A file registered in a registered directory that the test made read-only: deleting
	 * the file alone needs write permission on a directory outside the file's own tree,
	 * which the engine never changes; deleted with its directory, it is neither a failure
	 * nor a leak.
	 */
	@Test
	void aRegisteredFileInARegisteredDirectoryMadeReadOnlyIsDeletedWithItsDirectoryWithoutFailureOrLeak()
			throws IOException {
		Path directory = this.registry.createDirectory();
		Path inside = this.registry.register(Files.writeString(directory.resolve("registered.txt"), "x"));
		chmod(directory, "r-x------");
		injectFaults((operation, path) -> {
			String denied = deniedToAnUnprivilegedOwner(operation, path, this.temp);
			if (denied != null) {
				throw new AccessDeniedException(path.toString(), null, denied);
			}
		});
		TempStats before = this.registry.stats();

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).isEmpty();
		assertThat(this.registry.stats().leaked() - before.leaked()).isZero();
		assertThat(this.registry.stats().deleted() - before.deleted()).isEqualTo(2);
		assertNothingLeft(directory, inside);
	}

	@Test
	void asAnUnprivilegedUserReadOnlyAndNonExecutableDirectoriesAreCleanedAndARootOwnedOneIsReportedWithItsCause()
			throws Exception {
		UnprivilegedUser.assume();
		Path scratch = UnprivilegedUser.scratch("tempguard-reliability-");
		try {
			String classpath = UnprivilegedUser.copyClasspath(scratch.resolve("classpath"), "spring-jcl",
					"commons-logging");
			Path work = Files.createDirectory(scratch.resolve("work"));
			Path cwd = Files.createDirectory(scratch.resolve("cwd"));
			Path rootOwned = Files.createDirectory(scratch.resolve("root-owned"));
			Path stuck = Files.writeString(rootOwned.resolve("stuck.txt"), "root's");
			Path canary = Files.writeString(scratch.resolve("root-canary.txt"), "root's");
			UnprivilegedUser.owns(work);
			UnprivilegedUser.owns(cwd);
			Result result = UnprivilegedUser.run(classpath, UnprivilegedCleanup.class, cwd, List.of(), work.toString(),
					rootOwned.toString(), canary.toString());
			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).contains("own tree: failures=[] left=[] leaked=0")
				.contains("root-owned: failure=" + rootOwned.resolve("stuck.txt")
						+ " cause=java.nio.file.AccessDeniedException")
				.contains("leaked=1");
			assertThat(canary).hasContent("root's");
			assertThat(stuck).hasContent("root's");
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(scratch);
		}
	}

	// -- injected failures

	@Test
	void failuresInjectedMidTreeAreEachReportedWithPathAndCauseAndEverythingElseIsDeleted() throws IOException {
		Path tree = this.registry.createDirectory();
		List<Path> stuck = new ArrayList<>();
		Path unlistable = null;
		for (int d = 0; d < 5; d++) {
			Path sub = Files.createDirectories(tree.resolve("d" + d + "/deeper"));
			for (int f = 0; f < 5; f++) {
				Path file = Files.writeString(sub.resolve("f" + f), "x");
				if (d % 2 == 1 && f == 2) {
					stuck.add(file);
				}
			}
			if (d == 4) {
				unlistable = sub;
			}
		}
		Path before = this.registry.createFile("before the tree", "txt");
		Path after = this.registry.createFile("after the tree", "txt");
		Path stuckFile = this.registry.createFile("stuck itself", "txt");
		stuck.add(stuckFile);
		IOException cause = new IOException("injected: device says no");
		IOException listCause = new IOException("injected: cannot list");
		Path unlistableDirectory = unlistable;
		injectFaults((operation, path) -> {
			if (operation.equals("delete") && stuck.contains(path)) {
				throw cause;
			}
			if (operation.equals("list") && path.equals(unlistableDirectory)) {
				throw listCause;
			}
		});
		TempStats statsBefore = this.registry.stats();

		CleanupResult result = this.registry.cleanupAll();

		// each injected failure with its path and the very exception, and each ancestor
		// left non-empty
		assertThat(result.failures()).filteredOn((failure) -> failure.cause() == cause)
			.extracting(CleanupFailure::path)
			.containsExactlyInAnyOrderElementsOf(stuck);
		assertThat(result.failures()).filteredOn((failure) -> failure.cause() == listCause)
			.extracting(CleanupFailure::path)
			.containsExactly(unlistableDirectory);
		assertThat(result.failures()).filteredOn((failure) -> failure.cause() instanceof DirectoryNotEmptyException)
			.extracting(CleanupFailure::path)
			.containsExactlyInAnyOrder(tree.resolve("d1/deeper"), tree.resolve("d1"), tree.resolve("d3/deeper"),
					tree.resolve("d3"), tree.resolve("d4"), tree);
		// everything else is gone
		List<Path> remaining = walk(tree);
		List<Path> expected = new ArrayList<>(List.of(tree, tree.resolve("d1"), tree.resolve("d1/deeper"),
				tree.resolve("d3"), tree.resolve("d3/deeper"), tree.resolve("d4"), unlistableDirectory));
		expected.addAll(stuck.subList(0, 2));
		for (int f = 0; f < 5; f++) {
			expected.add(unlistableDirectory.resolve("f" + f));
		}
		assertThat(remaining).containsExactlyInAnyOrderElementsOf(expected);
		assertNothingLeftOf(before, after);
		assertThat(stuckFile).exists();
		// the accounting: two tracked paths leaked, every failure counted
		TempStats statsAfter = this.registry.stats();
		assertThat(statsAfter.leaked() - statsBefore.leaked()).isEqualTo(2);
		assertThat(statsAfter.deleted() - statsBefore.deleted()).isEqualTo(2);
		assertThat(statsAfter.cleanupFailures() - statsBefore.cleanupFailures()).isEqualTo(result.failures().size());
		// once the fault is gone, the same paths can be deleted: nothing is left behind
		assertThat(new DeletionEngine(PathGuard.defaults()).delete(tree).failures()).isEmpty();
		assertThat(new DeletionEngine(PathGuard.defaults()).delete(stuckFile).failures()).isEmpty();
		assertNothingLeft(tree, stuckFile);
	}

	@Test
	void anUnexpectedRuntimeExceptionFromTheFileSystemIsReportedAndNeverStopsTheRest() throws IOException {
		TempDirectory directory = this.registry.createTestDirectory();
		Path stuck = directory.createFile("stuck.txt", "x");
		Path fine = directory.createFile("sub/fine.txt", "x");
		Path other = this.registry.createFile("other", "txt");
		RuntimeException unexpected = new IllegalStateException("injected: not an IOException");
		injectFaults((operation, path) -> {
			if (operation.equals("delete") && path.equals(stuck)) {
				throw unexpected;
			}
		});

		CleanupResult result = this.registry.cleanupAll();

		assertThat(result.failures()).extracting(CleanupFailure::path).containsExactly(stuck, directory.path());
		assertThat(result.failures().get(0).cause()).isSameAs(unexpected);
		assertThat(fine).doesNotExist();
		assertNothingLeftOf(other);
		assertThat(new DeletionEngine(PathGuard.defaults()).delete(directory.path()).failures()).isEmpty();
		assertNothingLeft(directory.path());
	}

	// -- helpers

	/**
	 * Checks that each path is gone (a link as a link), and that the registry tracks
	 * nothing now.
	 */
	private void assertNothingLeft(Path... paths) throws IOException {
		assertNothingLeftOf(paths);
		assertThat(this.registry.stats().totalFiles()).as("tracked").isZero();
		try (Stream<Path> entries = Files.list(this.registry.runDirectory())) {
			assertThat(entries.map((entry) -> entry.getFileName().toString()).toList()).as("run directory")
				.containsOnly("tempguard.lock");
		}
	}

	private static void assertNothingLeftOf(Path... paths) {
		for (Path path : paths) {
			assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).as("%s left behind", path).isFalse();
		}
	}

	private static void chmod(Path path, String permissions) throws IOException {
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
	}

	private static List<Path> walk(Path tree) throws IOException {
		try (Stream<Path> paths = Files.walk(tree)) {
			return paths.toList();
		}
	}

	/**
	 * Why the kernel would refuse {@code operation} on {@code path} to its unprivileged
	 * owner, from the owner permission bits: deleting needs write and search permission
	 * on the parent, listing needs read and search permission on the directory, and both
	 * need search permission on every directory above (below {@code top}).
	 */
	static String deniedToAnUnprivilegedOwner(String operation, Path path, Path top) throws IOException {
		Path parent = path.getParent();
		for (Path ancestor = parent; ancestor != null && ancestor.startsWith(top)
				&& !ancestor.equals(top); ancestor = ancestor.getParent()) {
			if (!has(ancestor, PosixFilePermission.OWNER_EXECUTE)) {
				return "no search permission on " + ancestor;
			}
		}
		switch (operation) {
			case "delete":
				return has(parent, PosixFilePermission.OWNER_WRITE) ? null : "no write permission on " + parent;
			case "list":
				return has(path, PosixFilePermission.OWNER_READ) && has(path, PosixFilePermission.OWNER_EXECUTE) ? null
						: "no read and search permission on " + path;
			default:
				return null;
		}
	}

	private static boolean has(Path path, PosixFilePermission permission) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
			return true;
		}
		return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).contains(permission);
	}

	/**
	 * Makes the registry's runtime delete through an engine whose file operations first
	 * run {@code fault}; each test has a runtime of its own, so nothing is put back.
	 */
	private void injectFaults(InjectedFaults.Fault fault) {
		InjectedFaults.inject(this.runtime.engines(), fault);
	}

	/**
	 * What a path looks like: content (files), entries (directories), link target, mtime
	 * and permissions.
	 */
	private record Snapshot(String kind, String content, FileTime modified, String permissions) {

		static Snapshot of(Path path) throws IOException {
			if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
				return new Snapshot("missing", "", FileTime.fromMillis(0), "");
			}
			FileTime modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
			String permissions = PosixFilePermissions
				.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
			if (Files.isSymbolicLink(path)) {
				return new Snapshot("link", Files.readSymbolicLink(path).toString(), modified, permissions);
			}
			if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				try (Stream<Path> entries = Files.list(path)) {
					return new Snapshot("directory", entries.map(Path::toString).sorted().toList().toString(), modified,
							permissions);
				}
			}
			return new Snapshot("file", Arrays.toString(Files.readAllBytes(path)), modified, permissions);
		}

	}

	/**
	 * Run as the unprivileged user: cleans, through a registry over a fresh runtime, a
	 * tree of its own with read-only files and directories, a directory without execute
	 * permission and one without any permission, a link to a canary of root's, and a file
	 * registered inside a registered directory made read-only; then a file of root's in a
	 * directory of root's, which it cannot delete and must report with its path and
	 * cause. Prints what happened; exits with 0 only if all of that holds.
	 */
	public static final class UnprivilegedCleanup {

		private UnprivilegedCleanup() {
		}

		public static void main(String[] args) throws Exception {
			Path work = Path.of(args[0]);
			Path rootOwned = Path.of(args[1]);
			Path canary = Path.of(args[2]);
			TempGuardRuntime runtime = TestRuntimes.create();
			DefaultTempFileRegistry registry = runtime.registry(work.resolve("root"));
			Path tree = registry.createDirectory();
			Path readOnlyInner = Files.createDirectories(tree.resolve("read-only/inner"));
			Files.writeString(readOnlyInner.resolve("file.txt"), "x");
			Path noExecute = Files.createDirectory(tree.resolve("no-execute"));
			Files.writeString(Files.createDirectory(noExecute.resolve("sub")).resolve("hidden.txt"), "x");
			Path noAccess = Files.createDirectory(tree.resolve("no-access"));
			Files.writeString(noAccess.resolve("hidden.txt"), "x");
			Path readOnlyFile = Files.writeString(tree.resolve("read-only.txt"), "x");
			Files.createSymbolicLink(tree.resolve("to-canary"), canary);
			Path lockedDirectory = registry.createDirectory();
			Path registeredInside = registry
				.register(Files.writeString(lockedDirectory.resolve("registered.txt"), "x"));
			chmod(readOnlyFile, "r--r--r--");
			chmod(readOnlyInner.resolve("file.txt"), "r--r--r--");
			chmod(readOnlyInner, "r-xr-xr-x");
			chmod(readOnlyInner.getParent(), "r-xr-xr-x");
			chmod(noExecute, "rw-rw-rw-");
			chmod(noAccess, "---------");
			chmod(tree, "r-xr-xr-x");
			chmod(lockedDirectory, "r-x------");
			long leakedBeforeOwn = registry.stats().leaked();
			CleanupResult own = registry.cleanupAll();
			long leakedOwn = registry.stats().leaked() - leakedBeforeOwn;
			List<Path> left = Stream.of(tree, lockedDirectory, registeredInside)
				.filter((path) -> Files.exists(path, LinkOption.NOFOLLOW_LINKS))
				.toList();
			System.out.println("own tree: failures=" + own.failures() + " left=" + left + " leaked=" + leakedOwn);

			// a file of root's in a directory of root's: nothing the user may delete, nor
			// give itself permission to
			Path stuck = registry.register(rootOwned.resolve("stuck.txt"));
			long leakedBefore = registry.stats().leaked();
			CleanupResult denied = registry.cleanupAll();
			for (CleanupFailure failure : denied.failures()) {
				System.out.println("root-owned: failure=" + failure.path() + " cause="
						+ failure.cause().getClass().getName() + ": " + failure.cause().getMessage());
			}
			System.out.println("leaked=" + (registry.stats().leaked() - leakedBefore));
			boolean ok = own.failures().isEmpty() && left.isEmpty() && leakedOwn == 0 && denied.failures().size() == 1
					&& Files.exists(stuck) && Files.readString(canary).equals("root's");
			System.exit(ok ? 0 : 1);
		}

	}

}
