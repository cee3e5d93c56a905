package dev.tempguard.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tempguard.Leak;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;

/**
 * Runs in a child JVM of its own (a heap holding nothing else), with tempguard's JVM-wide
 * runtime as the test integration uses it. Prints heap used after full collections:
 * <ul>
 * <li>{@code BYTES_PER_PATH}: (heap with {@code paths} paths registered in one test
 * context through {@link DefaultTempFileRegistry#register} - heap before) /
 * {@code paths}. The paths do not exist (registering that is allowed) and lie in the
 * registry's run directory, named as created files are; the benchmark keeps no reference
 * to them, so all that is measured is what tempguard retains: the path, its tracked
 * entry, the real path of its directory and the context's map entry.</li>
 * <li>{@code BYTES_PER_CONTEXT}: (heap after {@code contexts} test contexts - heap
 * before) / {@code contexts}, each context opened, bound, filled with one file from
 * {@link DefaultTempFileRegistry#createFile}, then closed, cleaned and recorded exactly
 * as the test listener does after a test; test method names cycle over 1,000, and 1,000
 * contexts run before the baseline is taken.</li>
 * </ul>
 */
public final class MemoryMain {

	private MemoryMain() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[0]);
		int paths = Integer.parseInt(args[1]);
		int contexts = Integer.parseInt(args[2]);
		TempGuardRuntime runtime = TempGuardRuntime.get();
		DefaultTempFileRegistry registry = runtime.registry(root);
		Path runDirectory = registry.runDirectory();

		// retained bytes per tracked path
		Scopes scopes = runtime.scopes();
		Scope warmUp = scopes.openMethod(MemoryMain.class, "warmUp");
		Scopes.Binding previous = scopes.bind(warmUp, true);
		for (int i = 0; i < 10_000; i++) {
			registry.register(runDirectory.resolve("warm-up-" + i + ".tmp"));
		}
		scopes.restore(previous);
		scopes.close(warmUp);
		runtime.cleaner().clean(warmUp, false);
		Scope scope = scopes.openMethod(MemoryMain.class, "tracksPaths");
		previous = scopes.bind(scope, true);
		java.util.Random random = new java.util.Random(42);
		long before = usedHeap();
		for (int i = 0; i < paths; i++) {
			registry.register(runDirectory.resolve(name(random)));
		}
		long after = usedHeap();
		if (scope.trackedCount() != paths) {
			throw new IllegalStateException("tracked " + scope.trackedCount());
		}
		System.out.println("BYTES_PER_PATH=" + (after - before) / (double) paths);
		System.out.println("PATH_CHARS=" + runDirectory.resolve(name(random)).toString().length());
		scopes.restore(previous);
		scopes.close(scope);
		runtime.cleaner().clean(scope, false);

		// growth after many contexts
		for (int i = 0; i < 1_000; i++) {
			context(runtime, registry, i);
		}
		long baseline = usedHeap();
		for (int i = 0; i < contexts; i++) {
			context(runtime, registry, i);
		}
		long end = usedHeap();
		System.out.println("BYTES_PER_CONTEXT=" + (end - baseline) / (double) contexts);
		System.out.println("BASELINE_BYTES=" + baseline);
		System.out.println("END_BYTES=" + end);
		System.out.println("RECORDS=" + runtime.recorder().records().size());
		try (var left = Files.list(runDirectory)) {
			System.out.println("LEFT_IN_RUN_DIRECTORY=" + left.count());
		}
	}

	// as Files.createTempFile names the registry's files
	private static String name(java.util.Random random) {
		return "tg-" + Long.toUnsignedString(random.nextLong()) + ".tmp";
	}

	// what TempGuardTestExecutionListener does around one test method
	private static void context(TempGuardRuntime runtime, DefaultTempFileRegistry registry, int i) {
		Scopes scopes = runtime.scopes();
		Scope scope = scopes.openMethod(MemoryMain.class, "test" + (i % 1_000));
		runtime.leakDetector().opened(scope);
		Scopes.Binding previous = scopes.bind(scope, true);
		registry.createFile("some content", "txt");
		scopes.restore(previous);
		runtime.leakDetector().closed(scope);
		scopes.close(scope);
		ScopeCleanup cleanup = runtime.cleaner().clean(scope, false);
		List<Leak> untracked = runtime.leakDetector().untrackedLeaks(scope, false);
		runtime.recorder().record(scope, cleanup, untracked);
		if (!cleanup.leaks().isEmpty()) {
			throw new IllegalStateException("leaked " + cleanup.leaks());
		}
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
