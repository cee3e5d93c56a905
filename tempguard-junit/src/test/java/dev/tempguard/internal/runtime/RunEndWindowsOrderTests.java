package dev.tempguard.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.TempDirectory;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.testing.SystemProperty;
import dev.tempguard.testing.WindowsLikeDeletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The order of {@link RunEnd} where an open file cannot be deleted, as on Windows: the
 * run directory's lock is released before it is deleted, and leak detection, which goes
 * on until the end of the JVM, holds nothing on it (it watches only the watched directory
 * the run directory is in); the last look at the end of the JVM stops it. The deletion
 * engine refuses, through {@link WindowsLikeDeletion}, whatever this JVM really holds
 * open or watches.
 */
class RunEndWindowsOrderTests {

	@TempDir
	Path temp;

	@Test
	void theLockIsReleasedBeforeTheRunDirectoryIsDeletedAndTheWatcherIsClosedAtTheEndOfTheJvm() throws IOException {
		assumeTrue(WindowsLikeDeletion.isAvailable(),
				"needs /proc/self/fd and fdinfo (Linux) to refuse, as Windows does, deleting what this JVM holds open");
		Path watched = Files.createDirectory(this.temp.resolve("watched"));
		// below the watched directory, as the default root-dir is below java.io.tmpdir
		Path rootDir = watched.resolve("root");
		List<Runnable> atExit = new ArrayList<>();
		TempGuardRuntime runtime = TestRuntimes.create(this.temp, (task) -> {
		}, atExit::add, LeftoversAtExit.Sleeper.THREAD);
		DefaultTempFileRegistry registry = runtime
			.start(new TempGuardSettings(true, rootDir, true, CleanupPolicy.DEFAULT,
					new SweepSettings(false, Duration.ofHours(24), false), new LeakDetectionSettings(true,
							List.of(watched), List.of(), false, LeakDetectionSettings.Mode.AUTO),
					false, ReportSettings.UNSET));
		Path runDirectory = registry.runDirectory();
		registry.createFile("x", "txt");
		TempDirectory directory = registry.createTestDirectory();
		directory.createFile("a/b.txt", "x");
		assertThat(WindowsLikeDeletion.isOpen(runDirectory.resolve(RunDirectory.LOCK_FILE)))
			.as("the lock file is open before the end")
			.isTrue();
		WindowsLikeDeletion windows = new WindowsLikeDeletion();
		InjectedFaults.inject(runtime.engines(), windows);

		endRun(runtime);

		assertThat(windows.refused()).isEmpty();
		assertThat(runDirectory).doesNotExist();
		assertThat(rootDir).isEmptyDirectory();
		assertThat(runtime.leakDetector().isActive()).as("on for the last look").isTrue();
		assertThat(atExit).hasSize(1);

		atExit.get(0).run();

		assertThat(runtime.leakDetector().isActive()).isFalse();
		assertThat(WindowsLikeDeletion.isWatched(watched)).as("nothing stays open on the watched directory").isFalse();
	}

	// with the report written below the test's directory, not the module's
	private void endRun(TempGuardRuntime runtime) {
		try (SystemProperty reportDirectory = SystemProperty.set(ReportWriter.DIRECTORY_PROPERTY,
				this.temp.resolve("report").toString())) {
			RunEnd.endRun(runtime);
		}
	}

}
