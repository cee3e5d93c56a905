package dev.tempguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Runs in a child JVM of its own (a heap holding nothing else), with tempguard's JVM-wide
 * runtime configured as a test run configures it (root-dir and leak detection from the
 * system properties: watching java.io.tmpdir) and test contexts opened and ended as its
 * JUnit Platform listener does ({@link TestContexts}). Prints heap used after full
 * collections:
 * <ul>
 * <li>{@code BYTES_PER_PATH}: (heap with {@code paths} paths registered in one test
 * context through {@link DefaultTempFileRegistry#register} - heap before) /
 * {@code paths}. The paths do not exist (registering that is allowed) and lie in the
 * registry's run directory, named as created files are; the benchmark keeps no reference
 * to them, so all that is measured is what tempguard retains: the path, its tracked
 * entry, the real path of its directory and the context's map entry.</li>
 * <li>{@code BYTES_PER_CONTEXT}: (heap after {@code contexts} test contexts - heap
 * before) / {@code contexts}, each context opened, filled with one file from
 * {@link DefaultTempFileRegistry#createFile} and one file made and deleted with plain
 * {@code Files.createTempFile} in the watched directory (which leak detection sees), then
 * ended (cleaned, checked for leaks, recorded); test method names cycle over 1,000, and
 * 1,000 contexts run before the baseline is taken.</li>
 * </ul>
 */
public final class MemoryMain {

	private MemoryMain() {
	}

	public static void main(String[] args) throws Exception {
		int paths = Integer.parseInt(args[0]);
		int contexts = Integer.parseInt(args[1]);
		TempGuardRuntime runtime = TempGuardRuntime.get();
		runtime.configure(() -> TempGuardSettings.from(System::getProperty));
		DefaultTempFileRegistry registry = runtime.defaultRegistry();
		Path runDirectory = registry.runDirectory();
		try (TestContexts tests = new TestContexts(runtime, MemoryMain.class)) {
			// retained bytes per tracked path
			TestLifecycle.Opened warmUp = tests.open("warmUp", 1);
			for (int i = 0; i < 10_000; i++) {
				registry.register(runDirectory.resolve("warm-up-" + i + ".tmp"));
			}
			tests.finish(warmUp);
			TestLifecycle.Opened test = tests.open("tracksPaths", 1);
			Random random = new Random(42);
			long before = usedHeap();
			for (int i = 0; i < paths; i++) {
				registry.register(runDirectory.resolve(name(random)));
			}
			long after = usedHeap();
			if (test.scope().trackedCount() != paths) {
				throw new IllegalStateException("tracked " + test.scope().trackedCount());
			}
			System.out.println("BYTES_PER_PATH=" + (after - before) / (double) paths);
			System.out.println("PATH_CHARS=" + runDirectory.resolve(name(random)).toString().length());
			tests.finish(test);

			// growth after many contexts
			for (int i = 0; i < 1_000; i++) {
				context(tests, registry, i);
			}
			long baseline = usedHeap();
			for (int i = 0; i < contexts; i++) {
				context(tests, registry, i);
			}
			long end = usedHeap();
			System.out.println("BYTES_PER_CONTEXT=" + (end - baseline) / (double) contexts);
			System.out.println("BASELINE_BYTES=" + baseline);
			System.out.println("END_BYTES=" + end);
			System.out.println("RECORDS=" + runtime.recorder().records().size());
			System.out.println("SOURCE=" + runtime.leakDetector().sourceName());
		}
		try (var left = Files.list(runDirectory)) {
			// but the run directory's lock
			System.out.println("LEFT_IN_RUN_DIRECTORY="
					+ left.filter((path) -> !path.getFileName().toString().equals("tempguard.lock")).count());
		}
		if (runtime.counters().untrackedLeaks() != 0 || runtime.counters().leaked() != 0) {
			throw new IllegalStateException("leaks where there are none: " + runtime.counters().untrackedLeaks()
					+ " untracked, " + runtime.counters().leaked() + " tracked");
		}
	}

	// as Files.createTempFile names the registry's files
	private static String name(Random random) {
		return "tg-" + Long.toUnsignedString(random.nextLong()) + ".tmp";
	}

	// one test as tempguard's JUnit Platform listener sees it
	private static void context(TestContexts tests, DefaultTempFileRegistry registry, int i) throws Exception {
		TestLifecycle.Opened test = tests.open("test" + (i % 1_000), 1);
		registry.createFile("some content", "txt");
		Files.delete(Files.createTempFile("plain-", ".txt"));
		tests.finish(test);
	}

	private static long usedHeap() throws InterruptedException {
		var memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			Thread.sleep(50);
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
