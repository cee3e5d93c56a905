package dev.tempguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Runs in a child JVM whose java.io.tmpdir is the watched directory, with tempguard's
 * runtime configured as a test run configures it (leak detection on, in the mode the
 * system properties ask for): times tempguard's part of each simulated test, which is
 * what its JUnit Platform listener does around a test (open its context, which reads what
 * appeared in the watched directory since the last transition; end it, which reads again,
 * cleans it and checks it for untracked leaks), around a test body that creates and
 * deletes a file in the watched directory (not timed). Timed by this thread's CPU clock,
 * the cost of reading that clock taken off. Prints {@code NANOS_PER_TEST=} once per
 * block, after a warm-up block; the median block is the child's figure.
 * <p>
 * Arguments: tests per block, blocks.
 */
public final class LeakCheckMain {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private LeakCheckMain() {
	}

	public static void main(String[] args) throws Exception {
		int tests = Integer.parseInt(args[0]);
		int blocks = Integer.parseInt(args[1]);
		TempGuardRuntime runtime = TempGuardRuntime.get();
		runtime.configure(() -> TempGuardSettings.from(System::getProperty));
		System.out.println("SOURCE=" + runtime.leakDetector().sourceName());
		Path watched = Path.of(System.getProperty("java.io.tmpdir"));
		long clock = clockCost();
		try (TestContexts contexts = new TestContexts(runtime, LeakCheckMain.class)) {
			block(contexts, watched, tests, clock);
			for (int i = 0; i < blocks; i++) {
				System.out.println("NANOS_PER_TEST=" + block(contexts, watched, tests, clock));
			}
		}
		if (runtime.counters().untrackedLeaks() != 0) {
			throw new IllegalStateException(runtime.counters().untrackedLeaks() + " leaks where there are none");
		}
	}

	private static double block(TestContexts contexts, Path watched, int tests, long clock) throws Exception {
		long spent = 0;
		for (int i = 1; i <= tests; i++) {
			long start = threads.getCurrentThreadCpuTime();
			TestLifecycle.Opened test = contexts.open("test", i);
			spent += threads.getCurrentThreadCpuTime() - start;
			Files.delete(Files.createTempFile(watched, "work-", ".tmp"));
			start = threads.getCurrentThreadCpuTime();
			contexts.finish(test);
			spent += threads.getCurrentThreadCpuTime() - start;
		}
		return (spent - 2.0 * tests * clock) / tests;
	}

	// what one reading of the thread's CPU clock adds to a timed span
	private static long clockCost() {
		long[] samples = new long[20_001];
		for (int i = 0; i < samples.length; i++) {
			long start = threads.getCurrentThreadCpuTime();
			samples[i] = threads.getCurrentThreadCpuTime() - start;
		}
		java.util.Arrays.sort(samples);
		return samples[samples.length / 2];
	}

}
