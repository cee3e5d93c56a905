package dev.tempguard.internal.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.SweepSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sweep a test JVM does when its registry first uses a root-dir: once, before its own
 * run directory exists, never failing the run.
 */
class StartupSweepTests {

	@TempDir
	Path temp;

	private Path root;

	private final List<TempGuardRuntime> runtimes = new ArrayList<>();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	@AfterEach
	void release() {
		this.runtimes.forEach((runtime) -> runtime.runDirectories().forEach(RunDirectory::close));
	}

	@Test
	void aRegistrySweepsOrphansOnceWhenItsRuntimeFirstUsesTheRootDir() throws IOException {
		Path orphan = orphan("run-1-20260101T000000-a");
		TempGuardRuntime runtime = runtime();
		DefaultTempFileRegistry registry = runtime.registry(this.root, sweepingEverything());
		assertThat(orphan).doesNotExist();
		Path mine = registry.createFile("mine", "txt");
		Path later = orphan("run-2-20260101T000000-b");
		runtime.registry(this.root, sweepingEverything());
		assertThat(later).isDirectory();
		assertThat(mine).hasContent("mine");
	}

	@Test
	void aRegistryOfAnotherRuntimeNeverSweepsTheRunDirectoriesThisJvmHolds() throws IOException {
		DefaultTempFileRegistry first = runtime().registry(this.root, sweepingEverything());
		Path file = first.createFile("first", "txt");
		runtime().registry(this.root, sweepingEverything());
		assertThat(file).hasContent("first");
	}

	@Test
	void aRegistryWithSweepingDisabledOrWithoutSweepSettingsLeavesOrphansAlone() throws IOException {
		Path orphan = orphan("run-1-20260101T000000-a");
		runtime().registry(this.root);
		runtime().registry(this.root, new SweepSettings(false, Duration.ZERO, false));
		assertThat(orphan).isDirectory();
	}

	@Test
	void aDryRunAtStartupDeletesNothing() throws IOException {
		Path orphan = orphan("run-1-20260101T000000-a");
		runtime().registry(this.root, new SweepSettings(true, Duration.ZERO, true));
		assertThat(orphan).isDirectory();
	}

	@Test
	void theStartupSweepLeavesAUsersOldFileAndFolderInRootDirAloneAndListsThem() throws IOException {
		Path file = Files.writeString(this.root.resolve("notes.txt"), "mine");
		Path folder = Files.createDirectory(this.root.resolve("photos"));
		Path photo = Files.writeString(folder.resolve("beach.jpg"), "jpeg");
		for (Path path : List.of(file, photo, folder)) {
			Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(Duration.ofDays(400))));
		}
		Path orphan = orphan("run-1-20260101T000000-a");

		TempGuardRuntime runtime = runtime();
		runtime.registry(this.root, sweepingEverything());

		assertThat(orphan).doesNotExist();
		assertThat(file).hasContent("mine");
		assertThat(photo).hasContent("jpeg");
		SweepReport report = StartupSweep.run(runtime.engines().current(), this.root, sweepingEverything(), Set.of());
		assertThat(report).isNotNull();
		assertThat(report.foreign()).extracting(SweepReport.Entry::path).containsExactly(file, folder);
		assertThat(report.summary()).contains("2 foreign entries not touched");
	}

	@Test
	void aSweepThatFailsIsLoggedAndThrowsNothing() throws IOException {
		Path file = Files.writeString(this.temp.resolve("not-a-directory"), "x");
		SweepReport report = StartupSweep.run(runtime().engines().current(), file, sweepingEverything(), Set.of());
		assertThat(report).isNull();
		assertThat(file).hasContent("x");
	}

	@Test
	void aRootDirOwnedByAnotherUserIsRefusedAtStartupAndNothingInItIsTouched() throws IOException {
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
		Path orphan = orphan("run-1-20260101T000000-a");
		Files.setOwner(this.root,
				this.root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
		assertThatIllegalArgumentException().isThrownBy(() -> runtime().registry(this.root, sweepingEverything()))
			.withMessageContaining("tempguard.root-dir=" + this.root)
			.withMessageContaining("is owned by another user")
			.withMessageContaining("set tempguard.root-dir to a directory of your own");
		assertThat(orphan).isDirectory();
	}

	private static SweepSettings sweepingEverything() {
		return new SweepSettings(true, Duration.ZERO, false);
	}

	private TempGuardRuntime runtime() {
		TempGuardRuntime runtime = TestRuntimes.create();
		this.runtimes.add(runtime);
		return runtime;
	}

	/** The run directory of a JVM that is gone: its lock file is held by nobody. */
	private Path orphan(String name) throws IOException {
		Path run = Files.createDirectory(this.root.resolve(name));
		Files.writeString(run.resolve(RunDirectory.LOCK_FILE), "pid=1\nstart=2026-01-01T00:00:00Z\n");
		Files.writeString(run.resolve("tg-1.txt"), "left behind");
		try (Stream<Path> entries = Files.list(run)) {
			assertThat(entries).hasSize(2);
		}
		return run;
	}

}
