package dev.tempguard.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.leak.EntrySources;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.support.UserName;
import dev.tempguard.junit.TempGuardExtension;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test JVM whose {@code java.io.tmpdir} does not exist, in a JVM of its own: tests run,
 * one warning names the directory and what to do, tempguard makes the directory with its
 * default root-dir when a test first creates a file through it, and leak detection
 * watches it from when it appears (without the agent, so that only the watch can find the
 * leak), whether it reads it with inotify or by snapshots.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MissingTmpdirProcessTests {

	// tempguard's log, which goes nowhere on this class path, to the output
	private static final List<String> LOG_TO_OUTPUT = List.of(
			"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.LogFactoryImpl",
			"-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.SimpleLog");

	@TempDir
	Path work;

	@ParameterizedTest
	@ValueSource(strings = { "auto", "snapshot" })
	void testsRunOneWarningSaysWhatToDoAndTheDirectoryIsWatchedFromWhenItAppears(String mode) throws Exception {
		Path tmpdir = this.work.resolve("missing").resolve("tmp");
		List<String> jvmArguments = new ArrayList<>(LOG_TO_OUTPUT);
		jvmArguments.add("-Djava.io.tmpdir=" + tmpdir);

		Processes.Result result = ChildRuns.run(this.work, jvmArguments,
				List.of(MakesAFileThroughTempguard.class, LeavesAFile.class), "tempguard.agent.enabled=false",
				"tempguard.leak-detection.mode=" + mode);

		String rootDir = "tempguard-" + UserName.forFileName();
		String readBy = (mode.equals("snapshot") || EntrySources.inotifyUnavailable() != null) ? "snapshot" : "inotify";
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("[child] FAILED")
			.contains("[fixture] made " + tmpdir.resolve(rootDir))
			.contains("[fixture] read by " + readBy)
			.contains("[tempguard] 2 tests guarded")
			.contains("1 untracked")
			.containsPattern("LeavesAFile > leavesAFile\\(\\)\\s+e\\.g\\. " + tmpdir.resolve("left-"));
		assertThat(result.output().lines().filter((line) -> line.contains("java.io.tmpdir="))).singleElement()
			.asString()
			.startsWith("[WARN]")
			.contains("java.io.tmpdir=" + tmpdir + " does not exist",
					"Create " + tmpdir + " before the tests run, or point java.io.tmpdir at a directory that exists");
		assertThat(ChildRuns.names(tmpdir)).hasSize(2)
			.contains(rootDir)
			.anySatisfy((name) -> assertThat(name).startsWith("left-"));
	}

	@Test
	void withItsJavaIoTmpdirThereTheSameRunWarnsOfNothing() throws IOException, InterruptedException {
		Processes.Result result = ChildRuns.run(this.work, LOG_TO_OUTPUT,
				List.of(MakesAFileThroughTempguard.class, LeavesAFile.class), "tempguard.agent.enabled=false");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("1 untracked").doesNotContain("java.io.tmpdir=");
	}

	@Order(1)
	@ExtendWith(TempGuardExtension.class)
	static class MakesAFileThroughTempguard {

		@Test
		void makesAFile(TempFileRegistry registry) {
			System.out.println("[fixture] made " + registry.createFile("made", ".txt"));
		}

	}

	@Order(2)
	static class LeavesAFile {

		@Test
		void leavesAFile() throws IOException {
			Files.createTempFile("left-", ".txt");
			System.out.println("[fixture] read by " + TempGuardRuntime.get().leakDetector().sourceName());
		}

	}

}
