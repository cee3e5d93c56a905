package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * Runs tempguard's benchmarks and prints each as a ratio against its baseline, measured
 * side by side in this run, with its goal and whether it is met.
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl benchmarks
 * exec:java}; see docs/performance.md for what each figure measures, the system
 * properties, and how to run one benchmark without installing.
 */
public final class Benchmarks {

	private static final String ROW = "%-66s %14s %14s %7s %8s  %s%n";

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		int entries = Integer.getInteger("entries", 100_000);
		int suiteRounds = Integer.getInteger("suite.rounds", 5);
		int cleanupRounds = Integer.getInteger("cleanup.rounds", 3);
		int directories = Integer.getInteger("cleanup.directories", 1_000);
		int filesPerDirectory = Integer.getInteger("cleanup.files", 100);
		int paths = Integer.getInteger("memory.paths", 100_000);
		int contexts = Integer.getInteger("memory.contexts", 100_000);
		int reportTests = Integer.getInteger("report.tests", 10_000);
		int reportRounds = Integer.getInteger("report.rounds", 5);
		Set<String> only = Arrays
			.stream(System.getProperty("only", "overhead,leak,cleanup,memory,report,micro").split(","))
			.map(String::trim)
			.collect(Collectors.toSet());
		Path base = Path.of(System.getProperty("benchmark.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
		Path scratch = Files.createTempDirectory(Files.createDirectories(base), "tempguard-bench-");
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, ROW, "benchmark", "measured", "baseline", "ratio", "goal", ""));
		try {
			if (only.contains("overhead")) {
				PerTestOverheadBenchmark.Result overhead = new PerTestOverheadBenchmark(suiteRounds).run(scratch);
				System.err.printf(Locale.ROOT, "per-test overhead rounds, ms: on %s, off %s%n",
						millis(overhead.onRounds()), millis(overhead.offRounds()));
				row(table, "per test: 2,000 @SpringBootTest methods, tempguard on vs absent", ms(overhead.onNanos()),
						ms(overhead.offNanos()), overhead.ratio(), "<=1.05", overhead.ratio() <= 1.05);
				row(table, "  the same per test", us(overhead.onNanos() / 2000), us(overhead.offNanos() / 2000),
						Double.NaN, "", null);
			}
			if (only.contains("leak")) {
				LeakCheckBenchmark.Result leakCheck = new LeakCheckBenchmark(entries, 2_000, 7).run(scratch);
				row(table, "leak check per test, " + entries + " entries vs empty dir",
						us(leakCheck.crowdedNanosPerTest()), us(leakCheck.emptyNanosPerTest()), leakCheck.ratio(),
						"<=1.2", leakCheck.ratio() <= 1.2);
			}
			if (only.contains("cleanup")) {
				CleanupBenchmark.Result cleanup = new CleanupBenchmark(directories, filesPerDirectory, cleanupRounds)
					.run(scratch);
				String tree = String.format(Locale.ROOT, "%,d files (%,d dirs x %d)", directories * filesPerDirectory,
						directories, filesPerDirectory);
				double vsRm = cleanup.tempguardNanos() / cleanup.rmNanos();
				double vsJunit = cleanup.tempguardNanos() / cleanup.junitNanos();
				row(table, "cleanup " + tree + ": tempguard vs rm -rf", ms(cleanup.tempguardNanos()),
						ms(cleanup.rmNanos()), vsRm, "<=1.5", vsRm <= 1.5);
				row(table, "cleanup " + tree + ": tempguard vs JUnit @TempDir", ms(cleanup.tempguardNanos()),
						ms(cleanup.junitNanos()), vsJunit, "<=1.0", vsJunit <= 1.0);
			}
			if (only.contains("memory")) {
				MemoryBenchmark.Result memory = new MemoryBenchmark(paths, contexts).run(scratch);
				row(table,
						String.format(Locale.ROOT, "retained heap per tracked path (%,d paths of %d chars)", paths,
								memory.pathChars()),
						String.format(Locale.ROOT, "%.0f B", memory.bytesPerPath()), "", Double.NaN, "<=200 B",
						memory.bytesPerPath() <= 200);
				double growth = (double) memory.endBytes() / memory.baselineBytes();
				row(table, String.format(Locale.ROOT, "retained heap after %,d contexts vs before", contexts),
						mb(memory.endBytes()), mb(memory.baselineBytes()), growth, "no growth",
						memory.bytesPerContext() <= 1);
				row(table,
						String.format(Locale.ROOT, "  the growth per context (%,d test records kept)",
								memory.records()),
						String.format(Locale.ROOT, "%.0f B", memory.bytesPerContext()), "", Double.NaN, "0 B",
						memory.bytesPerContext() <= 1);
			}
			if (only.contains("report")) {
				report(table, reportTests, reportRounds, scratch);
			}
			if (only.contains("micro")) {
				Map<String, Double> micro = new MicroBenchmark().run(scratch);
				double file = micro.get("tempguardFile");
				double plain = micro.get("plainFile");
				row(table, "JMH: test context with 1 file, tempguard vs plain java.nio", us(file), us(plain),
						file / plain, "-", null);
				row(table, "JMH: empty test context (open, bind, close, clean)", us(micro.get("emptyContext")), "",
						Double.NaN, "-", null);
			}
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(scratch);
		}
		System.out.println();
		System.out.print(table);
	}

	private static void report(StringBuilder table, int tests, int rounds, Path scratch)
			throws IOException, InterruptedException {
		String name = String.format(Locale.ROOT, "report page, %,d tests", tests);
		if (!ReportPageBenchmark.chromiumPresent()) {
			row(table, name + ": skipped, no chromium (-Dchromium=PATH)", "", "", Double.NaN, "", null);
			return;
		}
		ReportPageBenchmark.Result report = new ReportPageBenchmark(tests, rounds).run(scratch);
		row(table, name + ": size vs 10 tests", mb(report.bytes()),
				String.format(Locale.ROOT, "%.1f kB", report.baselineBytes() / 1e3), Double.NaN, "", null);
		row(table, name + ": opens in Chromium vs 10 tests", ms(report.openedMillis() * 1e6),
				ms(report.baselineOpenedMillis() * 1e6), report.openedMillis() / report.baselineOpenedMillis(), "<2 s",
				report.openedMillis() < 2_000);
		row(table, "  then every class expanded", ms(report.expandedMillis() * 1e6), "", Double.NaN, "", null);
	}

	private static void row(StringBuilder table, String name, String measured, String baseline, double ratio,
			String goal, Boolean met) {
		String verdict = (met == null) ? "" : (met ? "met" : "MISSED");
		table.append(String.format(Locale.ROOT, ROW, name, measured, baseline,
				Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio), goal, verdict));
		System.out.print(String.format(Locale.ROOT, ROW, name, measured, baseline,
				Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio), goal, verdict));
	}

	private static String ms(double nanos) {
		return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
	}

	private static String us(double nanos) {
		return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
	}

	private static String millis(double[] nanos) {
		return List
			.of(Arrays.stream(nanos)
				.mapToObj((n) -> String.format(Locale.ROOT, "%.0f", n / 1e6))
				.toArray(String[]::new))
			.toString();
	}

}
