package dev.tempguard.sample;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.support.UserName;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This suite, with its {@code RANDOM_PORT} tests, run as {@code mvn test} runs it but in
 * a JVM of its own with a {@code java.io.tmpdir} of its own: once that JVM exited,
 * nothing is left there but tempguard's empty root-dir. Embedded Tomcat's work
 * directories, made when the application contexts start, are gone with the contexts: the
 * child gets tempguard's agent as this JVM got it from surefire's {@code argLine}, so the
 * agent sees the JVM make them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SuiteLeavesNothingBehindTests {

	@TempDir
	Path work;

	@Test
	void afterTheSuiteJavaIoTmpdirHoldsOnlyTempguardsEmptyRootDir() throws Exception {
		Processes.Result result = ChildRuns.runByName(this.work, agent(),
				List.of("dev.tempguard.sample.report.ReportServiceTests",
						"dev.tempguard.sample.report.ReportControllerTests",
						"dev.tempguard.sample.actuator.TempGuardActuatorTests"));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("[child] FAILED")
			.containsPattern("\\[tempguard\\]   framework leftovers: ([1-9][0-9]*) made while application contexts"
					+ " started, \\1 deleted once they close, 0 left by start-up, not deleted");
		String rootDir = "tempguard-" + UserName.forFileName();
		assertThat(ChildRuns.names(ChildRuns.tmpdir(this.work))).containsExactly(rootDir);
		assertThat(ChildRuns.tmpdir(this.work).resolve(rootDir)).isEmptyDirectory();
	}

	// the -javaagent of tempguard's agent that this JVM was given
	private static List<String> agent() {
		return ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter((argument) -> argument.startsWith("-javaagent:") && argument.contains("tempguard-junit"))
			.toList();
	}

}
