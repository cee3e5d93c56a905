package dev.tempguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * Runs tempguard's benchmarks and prints each as a ratio against its baseline, measured side by side in this
 * run. {@code mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks exec:java}
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		int entries = Integer.getInteger("entries", 100_000);
		Path base = Path.of(System.getProperty("benchmark.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
		Path scratch = Files.createTempDirectory(Files.createDirectories(base), "tempguard-bench-");
		try {
			System.out.printf(Locale.ROOT, "%-58s %12s %12s %7s %6s%n", "benchmark", "measured", "baseline", "ratio",
					"goal");
			LeakCheckBenchmark.Result leakCheck = new LeakCheckBenchmark(entries, 2_000, 7).run(scratch);
			System.out.printf(Locale.ROOT, "%-58s %9.1f us %9.1f us %7.3f %6s%n",
					"leak check per test, " + entries + " entries vs empty dir", leakCheck.crowdedNanosPerTest() / 1000,
					leakCheck.emptyNanosPerTest() / 1000, leakCheck.ratio(), "<=1.2");
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(scratch);
		}
	}

}
