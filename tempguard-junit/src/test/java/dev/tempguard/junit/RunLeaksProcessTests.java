package dev.tempguard.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.testing.AgentState;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file that a thread of a test class makes after the class ended, in a test JVM of its
 * own run through the JUnit Platform launcher: no test can be failed for it, so with
 * {@code tempguard.fail-on-leak=true} the next test class to end fails for it, saying so,
 * and nothing else does; without, nothing fails and the end of the run reports it; when
 * no class that can fail ends after it, the end of the run logs it as an error.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunLeaksProcessTests {

	// tempguard attaches its agent by itself on every Java version then
	private static final String AGENT_ALLOWED = "-XX:+EnableDynamicAgentLoading";

	private static final String FIRST = StartsAThreadInAfterAllTests.class.getName();

	private static final String NEXT = NextTests.class.getSimpleName();

	private static final Pattern LATE = Pattern.compile("\\[fixture\\] late=(\\S+)");

	@TempDir
	Path work;

	@Test
	void withFailOnLeakTheNextClassToEndFailsNamingTheFileTheTestThatMadeItAndWhy() throws Exception {
		Processes.Result result = run("tempguard.fail-on-leak=true");

		String late = late(result);
		String output = result.output();
		assertThat(output).as(output)
			.contains("[fixture] agent=true")
			.contains("[child] FAILED " + RunLeaksProcessTests.class.getSimpleName() + "$" + NEXT
					+ ": | dev.tempguard.TempFileLeakError: tempguard: the run leaked 1 temporary path that no"
					+ " test can be failed for: made outside every test, or by a test's thread after that test's"
					+ " class ended. " + NextTests.class.getName() + " fails for it only because it is the next"
					+ " test class to end, so that the build shows it; it did not make it:")
			.contains(late + " (0 bytes; created after " + FIRST + " ended, by a thread it started, and not deleted;"
					+ " made at " + FIRST + ".lambda$")
			.contains("(thread outlives-its-class)");
		assertThat(failures(output)).as("only the next class fails").hasSize(1);
		assertThat(output).as("reported once, not again at the end of the run")
			.doesNotContain("nothing is left to fail")
			.contains("  1  run  e.g. " + late);
	}

	@Test
	void withoutFailOnLeakNothingFailsAndTheEndOfTheRunReportsIt() throws Exception {
		Processes.Result result = run();

		String late = late(result);
		String output = result.output();
		assertThat(failures(output)).as(output).isEmpty();
		assertThat(output)
			.contains("[WARN] LeakReporter - tempguard: run leaked 1 temporary path: " + late
					+ " (0 bytes; created after " + FIRST + " ended")
			.contains("  1  run  e.g. " + late);
	}

	@Test
	void whenNoClassThatCanFailEndsAfterItTheEndOfTheRunLogsItAsAnError() throws Exception {
		// without tempguard's Jupiter extension no test class can be failed
		Processes.Result result = run("tempguard.fail-on-leak=true",
				"junit.jupiter.extensions.autodetection.enabled=false");

		String late = late(result);
		String output = result.output();
		assertThat(failures(output)).as(output).isEmpty();
		assertThat(output).contains("[ERROR] RunEnd - tempguard: run leaked 1 temporary path:")
			.contains(late + " (0 bytes; created after " + FIRST + " ended")
			.contains("tempguard.fail-on-leak=true, but no test class ended after they appeared to fail for them:"
					+ " the run ends, nothing is left to fail")
			.doesNotContain("[WARN] LeakReporter - tempguard: run leaked")
			.contains("  1  run  e.g. " + late);
	}

	private Processes.Result run(String... configuration) throws IOException, InterruptedException {
		List<String> jvm = new ArrayList<>(ChildRuns.LOG_WARNINGS);
		jvm.add(AGENT_ALLOWED);
		Processes.Result result = ChildRuns.run(this.work, jvm,
				List.of(StartsAThreadInAfterAllTests.class, NextTests.class), configuration);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result;
	}

	private static String late(Processes.Result result) {
		Matcher late = LATE.matcher(result.output());
		assertThat(late.find()).as(result.output()).isTrue();
		assertThat(Path.of(late.group(1))).as("reported, not deleted").exists();
		return late.group(1);
	}

	private static List<String> failures(String output) {
		return output.lines().filter((line) -> line.startsWith("[child] FAILED")).toList();
	}

	/**
	 * Its {@code @AfterAll} starts a thread that makes a file once the next class runs.
	 */
	@Order(1)
	static class StartsAThreadInAfterAllTests {

		static final CountDownLatch nextClassRuns = new CountDownLatch(1);

		static final CountDownLatch made = new CountDownLatch(1);

		@Test
		void passes() {
			System.out.println("[fixture] agent=" + AgentState.installed());
		}

		@AfterAll
		static void startsAThreadThatOutlivesTheClass() {
			new Thread(() -> {
				try {
					nextClassRuns.await(30, TimeUnit.SECONDS);
					System.out.println("[fixture] late=" + Files.createTempFile("after-its-class-", ".tmp"));
				}
				catch (IOException | InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				finally {
					made.countDown();
				}
			}, "outlives-its-class").start();
		}

	}

	/** Its test runs while the thread makes its file. */
	@Order(2)
	static class NextTests {

		@Test
		void runsWhileTheFileIsMade() throws InterruptedException {
			StartsAThreadInAfterAllTests.nextClassRuns.countDown();
			assertThat(StartsAThreadInAfterAllTests.made.await(30, TimeUnit.SECONDS)).isTrue();
		}

	}

}
