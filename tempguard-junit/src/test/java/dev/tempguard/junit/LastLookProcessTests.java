package dev.tempguard.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.testing.AgentState;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.LaunchMain;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file that work a test did not wait for makes once the run has ended (the test class
 * ran last), in a test JVM of its own run through the JUnit Platform launcher: the last
 * look at the end of the JVM logs it as an error, naming the file, the test and where it
 * was made, and deletes it with {@code delete-untracked}. The fixture's work waits for
 * the end of the run ({@link LaunchMain#afterRun}), and the JVM for the work, so that the
 * file is made after the one and before the other, whatever the timing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LastLookProcessTests {

	// tempguard attaches its agent by itself on every Java version then
	private static final String AGENT_ALLOWED = "-XX:+EnableDynamicAgentLoading";

	private static final String FIXTURE = StartsWorkItDoesNotAwaitTests.class.getName();

	private static final String FILE = "late-after-the-run.txt";

	@TempDir
	Path work;

	@Test
	void aFileMadeAfterTheRunEndedIsLoggedAsAnErrorNamingItsSiteAndLeftInPlace() throws Exception {
		Processes.Result result = run();

		Path late = ChildRuns.tmpdir(this.work).resolve(FILE);
		String output = loggedAsAnError(result, late);
		assertThat(output).as(output)
			.contains("appeared after the last test of the run ended")
			.contains("Wait for that work before the test ends")
			.doesNotContain("tempguard deleted it");
		assertThat(late).as("reported, not deleted").exists();
		assertThat(Files.readString(ChildRuns.reportDirectory(this.work).resolve("report.json")))
			.as("written before it appeared")
			.doesNotContain(FILE);
		Files.delete(late);
	}

	@Test
	void withDeleteUntrackedAFileMadeAfterTheRunEndedIsLoggedAndDeleted() throws Exception {
		Processes.Result result = run("tempguard.leak-detection.delete-untracked=true");

		Path late = ChildRuns.tmpdir(this.work).resolve(FILE);
		String output = loggedAsAnError(result, late);
		assertThat(output).as(output).contains("tempguard deleted it (tempguard.leak-detection.delete-untracked=true)");
		assertThat(late).doesNotExist();
	}

	// the child's output, once it is checked to name the late file, its test and its site
	private static String loggedAsAnError(Processes.Result result, Path late) {
		String output = result.output();
		assertThat(output).as(output)
			.contains("[ERROR] LeaksAtExit - tempguard: " + late + " (4 bytes; created ")
			// a common-pool thread inherits the test's context on Java 17, none on 21+
			.containsAnyOf("created after " + FIXTURE + "#", "created outside every test")
			.contains("made at " + FIXTURE + ".lambda$");
		return output;
	}

	private Processes.Result run(String... configuration) throws IOException, InterruptedException {
		List<String> jvm = new ArrayList<>(ChildRuns.LOG_WARNINGS);
		jvm.add(AGENT_ALLOWED);
		Processes.Result result = ChildRuns.run(this.work, jvm, List.of(StartsWorkItDoesNotAwaitTests.class),
				configuration);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).as(result.output())
			.contains("[fixture] agent=true")
			.contains("[fixture] made after the run");
		return result;
	}

	/**
	 * The last class of the run: its test starts work on an executor that makes a file
	 * once the run has ended, and does not wait for it.
	 */
	static class StartsWorkItDoesNotAwaitTests {

		@Test
		void startsWorkItDoesNotAwait() {
			System.out.println("[fixture] agent=" + AgentState.installed());
			CountDownLatch runEnded = new CountDownLatch(1);
			CompletableFuture<Void> work = CompletableFuture.runAsync(() -> {
				try {
					runEnded.await(30, TimeUnit.SECONDS);
					Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), FILE), "late");
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			});
			LaunchMain.afterRun(() -> {
				runEnded.countDown();
				work.join();
				System.out.println("[fixture] made after the run");
			});
		}

	}

}
