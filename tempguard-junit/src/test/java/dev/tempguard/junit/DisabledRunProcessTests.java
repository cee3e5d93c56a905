package dev.tempguard.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.support.UserName;
import dev.tempguard.testing.AgentState;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tempguard.enabled=false} for the run, as a JUnit configuration parameter or a
 * system property, in a test JVM of its own: tempguard is off from the start. No sweep
 * (an orphan older than {@code max-age: 0} stays), no watcher, no agent, no context bound
 * to the test's thread, no run directory, no summary, no report; a test that asks for a
 * registry fails naming the setting. The same run with tempguard on does all of that, so
 * that each assertion can fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DisabledRunProcessTests {

	// tempguard attaches its agent by itself on every Java version then
	private static final String AGENT_ALLOWED = "-XX:+EnableDynamicAgentLoading";

	@TempDir
	Path work;

	private Path orphan;

	@BeforeEach
	void leaveAnOrphanInTheDefaultRootDir() throws IOException {
		Path rootDir = ChildRuns.tmpdir(this.work).resolve("tempguard-" + UserName.forFileName());
		this.orphan = Files.createDirectories(rootDir.resolve(RunDirectory.RUN_PREFIX + "1-20200101T000000-dead"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		Files.writeString(this.orphan.resolve(RunDirectory.LOCK_FILE), "pid=1\n");
		Files.setLastModifiedTime(this.orphan, FileTime.from(Instant.now().minus(2, ChronoUnit.DAYS)));
	}

	@Test
	void offAsAJUnitConfigurationParameterTempguardDoesNothingAtAll() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(AGENT_ALLOWED),
				List.of(Fixture.class, AsksForARegistry.class), "tempguard.enabled=false", "tempguard.max-age=0");

		assertOff(result);
	}

	@Test
	void offAsASystemPropertyTempguardDoesNothingAtAll() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(AGENT_ALLOWED, "-Dtempguard.enabled=false"),
				List.of(Fixture.class, AsksForARegistry.class), "tempguard.max-age=0");

		assertOff(result);
	}

	@Test
	void onTheSameRunSweepsWatchesScopesAndReports() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(AGENT_ALLOWED),
				List.of(Fixture.class, AsksForARegistry.class), "tempguard.max-age=0");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("[fixture] watching=true")
			.contains("[fixture] agent=true")
			.contains("[fixture] bound=" + Fixture.class.getName() + "#leavesAFile[1]")
			.contains("[tempguard] 2 tests guarded")
			.doesNotContain("[child] FAILED");
		assertThat(this.orphan).as("swept").doesNotExist();
		assertThat(ChildRuns.reportDirectory(this.work).resolve("index.html")).exists();
	}

	private void assertOff(Processes.Result result) throws IOException {
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("[fixture] watching=false")
			.contains("[fixture] agent=false")
			.contains("[fixture] bound=null")
			.doesNotContain("[tempguard]")
			.contains("[child] FAILED wantsARegistry(TempFileRegistry): | "
					+ "org.junit.jupiter.api.extension.ParameterResolutionException: tempguard is off"
					+ " (tempguard.enabled=false)");
		assertThat(this.orphan).as("not swept").isDirectory();
		assertThat(ChildRuns.names(this.orphan.getParent())).as("no run directory")
			.containsExactly(this.orphan.getFileName().toString());
		assertThat(ChildRuns.reportDirectory(this.work)).as("no report").doesNotExist();
		assertThat(ChildRuns.names(ChildRuns.tmpdir(this.work))).as("what the fixture left, nothing of tempguard's")
			.hasSize(2)
			.anySatisfy((name) -> assertThat(name).startsWith("tempguard-"))
			.anySatisfy((name) -> assertThat(name).startsWith("left-"));
	}

	/** Leaves a file in java.io.tmpdir and says what tempguard does meanwhile. */
	static class Fixture {

		@Test
		void leavesAFile() throws IOException {
			Files.createTempFile("left-", ".txt");
			TempGuardRuntime runtime = TempGuardRuntime.get();
			System.out.println("[fixture] watching=" + runtime.leakDetector().isActive());
			System.out.println("[fixture] agent=" + AgentState.installed());
			System.out.println(
					"[fixture] bound=" + ((runtime.scopes().bound() != null) ? runtime.scopes().bound().id() : "null"));
		}

	}

	@ExtendWith(TempGuardExtension.class)
	static class AsksForARegistry {

		@Test
		void wantsARegistry(TempFileRegistry registry) {
			registry.createFile("x", "txt");
		}

	}

}
