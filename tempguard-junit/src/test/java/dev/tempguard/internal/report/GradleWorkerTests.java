package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reporting in a Gradle test worker. A current Gradle cannot run here, so each test gives
 * the report code the system properties a Gradle worker JVM has (as Gradle 8 and 9 set
 * them), and, for contrast, those of a surefire fork and of an IDE.
 */
class GradleWorkerTests {

	private static final Long DAEMON = 777L;

	@TempDir
	Path dir;

	@Test
	void aGradleTestWorkerIsRecognisedByThePropertiesGradleGivesItAndASurefireForkOrAnIdeIsNot() {
		assertThat(GradleWorker.isWorker(gradleWorker("/home/dev/app/build/tmp/test/work")::get)).isTrue();
		Map<String, String> byMainClassOnly = Map.of("sun.java.command",
				GradleWorker.MAIN_CLASS + " 'Gradle Test Executor 1'");
		assertThat(GradleWorker.isWorker(byMainClassOnly::get)).isTrue();
		assertThat(GradleWorker.isWorker(Map.of(GradleWorker.WORKER_ID, "12")::get)).isTrue();
		assertThat(GradleWorker.isWorker(surefireFork()::get)).isFalse();
		Map<String, String> ide = Map.of("sun.java.command",
				"com.intellij.rt.junit.JUnitStarter -ideVersion5 dev.example.ReportServiceTests", "user.dir",
				"/home/dev/app", "org.gradle.native", "false");
		assertThat(GradleWorker.isWorker(ide::get)).isFalse();
	}

	@Test
	void inAGradleWorkerTheReportGoesToTheBuildDirectoryAndInASurefireForkToTarget() {
		assertThat(ReportWriter.defaultDirectory(gradleWorker("/home/dev/app/build/tmp/test/work")::get))
			.isEqualTo(Path.of("/home/dev/app/build/tempguard"));
		// a build directory set elsewhere, another test task
		assertThat(ReportWriter.defaultDirectory(gradleWorker("/home/dev/app/out/tmp/integrationTest/work")::get))
			.isEqualTo(Path.of("/home/dev/app/out/tempguard"));
		// without the worker's tmpdir, or one of another shape: build/ in the working
		// directory
		Map<String, String> noTmpdir = gradleWorker("/elsewhere/scratch");
		assertThat(ReportWriter.defaultDirectory(noTmpdir::get)).isEqualTo(Path.of("/home/dev/app/build/tempguard"));
		noTmpdir.remove(GradleWorker.WORKER_TMPDIR);
		assertThat(ReportWriter.defaultDirectory(noTmpdir::get)).isEqualTo(Path.of("/home/dev/app/build/tempguard"));
		// the report-dir property wins everywhere
		Map<String, String> configured = gradleWorker("/home/dev/app/build/tmp/test/work");
		configured.put(ReportWriter.DIRECTORY_PROPERTY, "/reports/tempguard");
		assertThat(ReportWriter.defaultDirectory(configured::get)).isEqualTo(Path.of("/reports/tempguard"));
		assertThat(ReportWriter.defaultDirectory(surefireFork()::get))
			.isEqualTo(Path.of("/home/dev/app/module/target/tempguard"));
	}

	@Test
	void underGradleTheForksOfOneBuildAreMergedAndThoseOfEarlierBuildsOfTheSameDaemonAreNot() throws IOException {
		TempGuardRuntime run = ReportFixtures.run();
		ReportWriter writer = new ReportWriter(this.dir, gradleWorker("/home/dev/app/build/tmp/test/work")::get);
		// yesterday's and an hour ago's builds, each with two workers
		writer.write(ReportFixtures.forkReport(run, 101, DAEMON, "2026-01-04T10:00:00Z", "2026-01-04T10:01:00Z"));
		writer.write(ReportFixtures.forkReport(run, 102, DAEMON, "2026-01-04T10:00:01Z", "2026-01-04T10:01:00Z"));
		writer.write(ReportFixtures.forkReport(run, 201, DAEMON, "2026-01-05T09:00:00Z", "2026-01-05T09:02:00Z"));
		writer.write(ReportFixtures.forkReport(run, 202, DAEMON, "2026-01-05T09:00:01Z", "2026-01-05T09:02:00Z"));
		// this build: three workers (maxParallelForks = 2 and forkEvery: 303 replaced
		// 301)
		writer.write(ReportFixtures.forkReport(run, 301, DAEMON, "2026-01-05T10:00:00Z", "2026-01-05T10:00:40Z"));
		writer.write(ReportFixtures.forkReport(run, 303, DAEMON, "2026-01-05T10:00:41Z", "2026-01-05T10:02:00Z"));

		ReportWriter.Written written = writer
			.write(ReportFixtures.forkReport(run, 302, DAEMON, "2026-01-05T10:00:01Z", "2026-01-05T10:02:01Z"));

		RunReport merged = JsonCodec.read(written.json());
		assertThat(merged.forks()).extracting(RunReport.Fork::pid).containsExactly(301L, 302L, 303L);
		assertThat(merged.tests()).extracting(RunReport.TestEntry::fork).containsOnly(301L, 302L, 303L);
		assertThat(merged.totals().testsGuarded()).isEqualTo(3 * run.counters().testsCleaned());
	}

	@Test
	void underMavenEveryForkOfTheSameParentIsOfTheSameBuildWhenEverItRan() throws IOException {
		TempGuardRuntime run = ReportFixtures.run();
		ReportWriter writer = new ReportWriter(this.dir, surefireFork()::get);
		writer.write(ReportFixtures.forkReport(run, 301, DAEMON, "2026-01-05T10:00:00Z", "2026-01-05T10:00:40Z"));

		ReportWriter.Written written = writer
			.write(ReportFixtures.forkReport(run, 302, DAEMON, "2026-01-05T10:00:41Z", "2026-01-05T10:02:01Z"));

		assertThat(JsonCodec.read(written.json()).forks()).extracting(RunReport.Fork::pid).containsExactly(301L, 302L);
	}

	/**
	 * The system properties of a Gradle test worker (those that matter here) whose
	 * project is {@code /home/dev/app}.
	 */
	static Map<String, String> gradleWorker(String workerTmpdir) {
		Map<String, String> properties = new HashMap<>();
		properties.put("sun.java.command", GradleWorker.MAIN_CLASS + " 'Gradle Test Executor 7'");
		properties.put(GradleWorker.WORKER_ID, "7");
		properties.put(GradleWorker.WORKER_TMPDIR, workerTmpdir);
		properties.put("org.gradle.native", "false");
		properties.put("user.dir", "/home/dev/app");
		properties.put("java.io.tmpdir", "/tmp");
		return properties;
	}

	/**
	 * The system properties of a surefire fork of the module
	 * {@code /home/dev/app/module}.
	 */
	private static Map<String, String> surefireFork() {
		return Map.of("sun.java.command",
				"/home/dev/app/module/target/surefire/surefirebooter-20260105.jar /home/dev/app/module/target/surefire"
						+ " 2026-01-05T10-00-00_000-jvmRun1 surefire-20260105.tmp surefire_0-20260105tmp",
				"basedir", "/home/dev/app/module", "user.dir", "/home/dev/app/module", "surefire.real.class.path",
				"/home/dev/app/module/target/surefire/surefirebooter-20260105.jar");
	}

}
