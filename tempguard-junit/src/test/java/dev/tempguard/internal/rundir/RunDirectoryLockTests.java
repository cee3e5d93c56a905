package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CleanupResult;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.sweep.SweepReport.Action;
import dev.tempguard.internal.sweep.SweepReport.Entry;
import dev.tempguard.internal.sweep.OrphanSweeper;
import dev.tempguard.internal.sweep.SweepReport;
import dev.tempguard.testing.WindowsLikeDeletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How a {@link RunDirectory} holds its lock, seen from a sweep: created locked and
 * owner-only, an orphan once released, and made anew with a new lock when it was removed.
 */
class RunDirectoryLockTests {

	@TempDir
	Path temp;

	private Path root;

	private final List<RunDirectory> directories = new ArrayList<>();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	@AfterEach
	void release() {
		this.directories.forEach(RunDirectory::close);
	}

	@Test
	void aRunDirectoryIsCreatedOwnerOnlyWithALockFileNamingItsJvmAndNothingElseInRootDir() throws IOException {
		RunDirectory run = runDirectory();
		Path path = run.ensureExists();
		assertThat(path.getFileName().toString()).startsWith("run-" + ProcessHandle.current().pid() + "-");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
		Path lockFile = path.resolve(RunDirectory.LOCK_FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile))).isEqualTo("rw-------");
		assertThat(run.isLocked()).isTrue();
		assertThat(RunDirectory.isHeldByThisJvm(path)).isTrue();
		try (Stream<Path> entries = Files.list(this.root)) {
			assertThat(entries).containsExactly(path);
		}
		// released first: closing what reads the lock file would release this JVM's lock
		// anyway
		run.close();
		Properties lock = new Properties();
		lock.load(new StringReader(Files.readString(lockFile, StandardCharsets.ISO_8859_1)));
		assertThat(lock.getProperty("pid")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
		assertThat(lock.getProperty("host")).isNotBlank();
		assertThat(Instant.parse(lock.getProperty(RunDirectory.START_KEY))).isBetween(Instant.now().minusSeconds(60),
				Instant.now());
	}

	@Test
	void aReleasedRunDirectoryIsAnOrphanThatASweepDeletes() throws IOException {
		RunDirectory run = runDirectory();
		Path path = run.ensureExists();
		Files.writeString(path.resolve("kept.txt"), "kept for inspection");
		run.close();
		assertThat(run.isLocked()).isFalse();
		assertThat(RunDirectory.isHeldByThisJvm(path)).isFalse();
		SweepReport report = sweep();
		assertThat(report.entries()).extracting(Entry::path, Entry::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(path, Action.DELETED));
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aRunDirectoryThatWasRemovedIsMadeAgainWithANewLock() throws IOException {
		RunDirectory run = runDirectory();
		Path first = run.ensureExists();
		new DeletionEngine(PathGuard.defaults()).delete(first);
		Path again = run.ensureExists();
		assertThat(again).isEqualTo(first).isDirectory();
		assertThat(again.resolve(RunDirectory.LOCK_FILE)).exists();
		assertThat(sweep().entries()).extracting(Entry::action).containsExactly(Action.KEPT_THIS_JVM);
		assertThat(again).isDirectory();
	}

	@Test
	void aRunDirectoryReleasedWithFilesInItIsFollowedByANewOneWhenUsedAgain() throws IOException {
		RunDirectory run = runDirectory();
		Path first = run.ensureExists();
		Files.writeString(first.resolve("kept.txt"), "kept");
		run.close();
		Path second = run.ensureExists();
		assertThat(second).isNotEqualTo(first).isDirectory();
		assertThat(run.path()).isEqualTo(second);
		SweepReport report = sweep();
		assertThat(report.entries(Action.DELETED)).extracting(Entry::path).containsExactly(first);
		assertThat(report.entries(Action.KEPT_THIS_JVM)).extracting(Entry::path).containsExactly(second);
	}

	@Test
	void deletingReleasesTheLockBeforeTheLockFileGoesSoThatItWorksWhereAnOpenFileCannotBeDeleted() throws IOException {
		assumeTrue(WindowsLikeDeletion.isAvailable(),
				"needs /proc/self/fd (Linux) to refuse, as Windows does, deleting a file this JVM holds open");
		RunDirectory run = runDirectory();
		Path path = run.ensureExists();
		Files.writeString(Files.createDirectory(path.resolve("tg-1")).resolve("inside.txt"), "x");
		Files.writeString(path.resolve("tg-2.txt"), "x");
		assertThat(WindowsLikeDeletion.isOpen(path.resolve(RunDirectory.LOCK_FILE))).as("the lock file is open")
			.isTrue();
		WindowsLikeDeletion windows = new WindowsLikeDeletion();

		CleanupResult result = run.delete(engineWith(windows));

		assertThat(windows.refused()).isEmpty();
		assertThat(result.failures()).isEmpty();
		assertThat(result.deleted()).endsWith(path.resolve(RunDirectory.LOCK_FILE), path);
		assertThat(run.isLocked()).isFalse();
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aRunDirectoryThatCannotBeEmptiedKeepsItsLockFileReleasedForTheNextSweep() throws IOException {
		RunDirectory run = runDirectory();
		Path path = run.ensureExists();
		Path stuck = Files.writeString(path.resolve("tg-stuck.txt"), "x");
		Path fine = Files.writeString(path.resolve("tg-fine.txt"), "x");
		IOException cause = new FileSystemException(stuck.toString(), null, "injected: device busy");

		CleanupResult result = run.delete(engineWith((operation, target) -> {
			if (operation.equals("delete") && target.equals(stuck)) {
				throw cause;
			}
		}));

		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.path()).isEqualTo(stuck);
			assertThat(failure.cause()).isSameAs(cause);
		});
		assertThat(fine).doesNotExist();
		assertThat(path.resolve(RunDirectory.LOCK_FILE)).exists();
		assertThat(run.isLocked()).isFalse();
		assertThat(sweep().entries()).extracting(Entry::path, Entry::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(path, Action.DELETED));
	}

	private static DeletionEngine engineWith(InjectedFaults.Fault fault) {
		DeletionEngines engines = new DeletionEngines();
		InjectedFaults.inject(engines, fault);
		return engines.current();
	}

	private RunDirectory runDirectory() {
		RunDirectory run = new RunDirectory(this.root);
		this.directories.add(run);
		return run;
	}

	private SweepReport sweep() {
		return new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.root))).sweep(this.root,
				Duration.ZERO, false, Set.of());
	}

}
