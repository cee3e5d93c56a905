package dev.tempguard.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * Runs tempguard's benchmarks and prints each as a ratio against its baseline, measured
 * side by side in this run, with its goal and whether it is met ({@code MISSED} when
 * not). See docs/performance.md for the commands, what each figure measures and the
 * system properties ({@code -Donly=} names the benchmarks to run).
 */
public final class Benchmarks {

	/** Every benchmark, in the order they run. */
	static final List<String> ALL = List.of("spring", "plain", "snapshot", "intercept", "leak", "cleanup", "memory",
			"report", "micro");

	private static final String ROW = "%-100s %12s %12s %7s %6s  %s%n";

	private final StringBuilder table = new StringBuilder();

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> only = only(System.getProperty("only", String.join(",", ALL)));
		Path base = Path.of(System.getProperty("benchmark.dir", System.getProperty("java.io.tmpdir"))).toAbsolutePath();
		Path scratch = Files.createTempDirectory(Files.createDirectories(base), "tempguard-bench-");
		Benchmarks benchmarks = new Benchmarks();
		benchmarks.row("benchmark", "measured", "baseline", "ratio", "goal", "");
		try {
			benchmarks.run(only, scratch);
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(scratch);
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "Java %s, %s %s, %d cores; benchmarks: %s%n", Runtime.version(),
				System.getProperty("os.name"), System.getProperty("os.version"),
				Runtime.getRuntime().availableProcessors(), String.join(",", only));
		System.out.print(benchmarks.table);
	}

	// the names asked for; overhead stands for the suites in every mode
	static Set<String> only(String names) {
		Set<String> only = new LinkedHashSet<>();
		for (String name : names.split(",")) {
			String trimmed = name.trim().toLowerCase(Locale.ROOT);
			if (trimmed.equals("overhead")) {
				only.addAll(List.of("spring", "plain", "snapshot"));
			}
			else if (ALL.contains(trimmed)) {
				only.add(trimmed);
			}
			else if (!trimmed.isEmpty()) {
				throw new IllegalArgumentException("-Donly=" + names + ": no benchmark " + trimmed + "; choose from "
						+ String.join(",", ALL) + " or overhead (spring,plain,snapshot)");
			}
		}
		return only;
	}

	private void run(Set<String> only, Path scratch) throws Exception {
		for (SuiteBenchmark.Suite suite : SuiteBenchmark.Suite.values()) {
			List<SuiteBenchmark.Variant> variants = SuiteBenchmark.available(variants(suite, only));
			if (!variants.isEmpty()) {
				int rounds = (suite == SuiteBenchmark.Suite.SPRING) ? Integer.getInteger("suite.rounds", 3)
						: Integer.getInteger("plain.rounds", 5);
				Path suites = Files.createTempDirectory(suiteDirectory(scratch), "tempguard-suites-");
				try {
					suite(suite, new SuiteBenchmark(suite, variants, rounds).run(suites), suites);
				}
				finally {
					new DeletionEngine(PathGuard.defaults()).delete(suites);
				}
			}
		}
		if (only.contains("intercept")) {
			intercept(scratch);
		}
		if (only.contains("leak")) {
			leak(scratch);
		}
		if (only.contains("cleanup")) {
			cleanup(scratch);
		}
		if (only.contains("memory")) {
			memory(scratch);
		}
		if (only.contains("report")) {
			report(scratch);
		}
		if (only.contains("micro")) {
			micro(scratch);
		}
	}

	// where the suites' java.io.tmpdir go: tmpfs where there is one, so that the noise of
	// a
	// disk shared with other processes stays out of the tests' own file work (this also
	// makes that work cheaper, so tempguard's share larger)
	private static Path suiteDirectory(Path scratch) throws java.io.IOException {
		String configured = System.getProperty("suite.dir", "/dev/shm");
		Path directory = Path.of(configured);
		if (!configured.isBlank() && Files.isDirectory(directory) && Files.isWritable(directory)) {
			return directory;
		}
		return scratch;
	}

	// the suite's own name gives the default mode's variants; snapshot those of the
	// macOS/Windows mode, for the suites asked for (both when none is)
	private static List<SuiteBenchmark.Variant> variants(SuiteBenchmark.Suite suite, Set<String> only) {
		String name = suite.name().toLowerCase(Locale.ROOT);
		List<SuiteBenchmark.Variant> variants = new ArrayList<>();
		if (only.contains(name)) {
			variants.addAll(List.of(SuiteBenchmark.Variant.AGENT_OFF, SuiteBenchmark.Variant.SELF_ATTACHED,
					SuiteBenchmark.Variant.JAVAAGENT));
		}
		boolean anySuite = only.contains("spring") || only.contains("plain");
		if (only.contains("snapshot") && (only.contains(name) || !anySuite)) {
			variants.addAll(List.of(SuiteBenchmark.Variant.SNAPSHOT, SuiteBenchmark.Variant.SNAPSHOT_AGENT_OFF));
		}
		List<String> breakdown = List.of(System.getProperty("suite.breakdown", "").split(","));
		if (only.contains(name) && (breakdown.contains(name) || breakdown.contains("true"))) {
			variants.addAll(List.of(SuiteBenchmark.Variant.TRACKING_ONLY, SuiteBenchmark.Variant.LISTENER_ONLY));
		}
		return variants;
	}

	private void suite(SuiteBenchmark.Suite suite, Map<SuiteBenchmark.Variant, SuiteBenchmark.Result> results,
			Path directory) throws java.io.IOException {
		String fileSystem = Files.getFileStore(directory).type();
		SuiteBenchmark.Metric metric = SuiteBenchmark.Metric.PROCESS_CPU;
		for (Map.Entry<SuiteBenchmark.Variant, SuiteBenchmark.Result> entry : results.entrySet()) {
			SuiteBenchmark.Variant variant = entry.getKey();
			SuiteBenchmark.Result result = entry.getValue();
			Ratio ratio = result.ratios().get(metric);
			boolean snapshot = variant == SuiteBenchmark.Variant.SNAPSHOT
					|| variant == SuiteBenchmark.Variant.SNAPSHOT_AGENT_OFF;
			boolean breakdown = variant == SuiteBenchmark.Variant.TRACKING_ONLY
					|| variant == SuiteBenchmark.Variant.LISTENER_ONLY;
			double goal = snapshot ? 1.10 : 1.05;
			row("per test, " + suite.description + " (" + fileSystem + "), " + variant.describe()
					+ ", vs tempguard absent", us(ratio.measured() / 2000), us(ratio.baseline() / 2000), ratio.median(),
					breakdown ? "-" : String.format(Locale.ROOT, "<=%.2f", goal),
					breakdown ? null : ratio.median() <= goal);
			row("  process CPU " + ratio.describe() + "; test thread CPU "
					+ result.ratios().get(SuiteBenchmark.Metric.THREAD_CPU).describe() + "; wall "
					+ result.ratios().get(SuiteBenchmark.Metric.WALL).describe(), "", "", Double.NaN, "", null);
		}
	}

	private void intercept(Path scratch) throws Exception {
		int rounds = Integer.getInteger("intercept.rounds", 20);
		int blockMillis = Integer.getInteger("intercept.block-millis", 200);
		int depth = Integer.getInteger("intercept.depth", 80);
		List<Path> directories = new ArrayList<>(List.of(scratch));
		String tmpfs = System.getProperty("intercept.tmpfs", "/dev/shm");
		if (!tmpfs.isBlank() && Files.isDirectory(Path.of(tmpfs)) && Files.isWritable(Path.of(tmpfs))
				&& !Files.getFileStore(Path.of(tmpfs)).type().equals(Files.getFileStore(scratch).type())) {
			directories.add(Path.of(tmpfs));
		}
		for (Path directory : directories) {
			intercept(new InterceptBenchmark(rounds, blockMillis, depth).run(directory), true);
		}
		// where the time goes: the stack captured at each creation grows with the depth
		int shallow = Integer.getInteger("intercept.shallow-depth", 10);
		if (shallow > 0) {
			intercept(new InterceptBenchmark(rounds, blockMillis, shallow).run(directories.get(directories.size() - 1)),
					false);
		}
	}

	private void intercept(InterceptBenchmark.Result result, boolean goal) {
		Ratio ratio = result.ratio();
		row(String.format(Locale.ROOT,
				"one Files.createTempFile, intercepted (agent %s) vs the plain JDK call, %s, stack depth %d",
				result.agent(), result.fileSystem(), result.depth()), us(ratio.measured()), us(ratio.baseline()),
				ratio.median(), goal ? "<=1.10" : "-", goal ? ratio.median() <= 1.10 : null);
		row("  CPU time of the calling thread " + ratio.describe(), "", "", Double.NaN, "", null);
	}

	private void leak(Path scratch) throws Exception {
		int entries = Integer.getInteger("entries", 100_000);
		int rounds = Integer.getInteger("leak.rounds", 5);
		LeakCheckBenchmark.Result result = new LeakCheckBenchmark(entries, 2_000, 2_000, 5, rounds, "auto")
			.run(scratch);
		Ratio ratio = result.ratio();
		row(String.format(Locale.ROOT, "leak check per test (%s), %,d entries in the watched directory vs empty",
				result.source(), entries), us(ratio.measured()), us(ratio.baseline()), ratio.median(), "<=1.2",
				ratio.median() <= 1.2);
		row("  CPU time of the test thread " + ratio.describe(), "", "", Double.NaN, "", null);
		if (Boolean.parseBoolean(System.getProperty("leak.snapshot", "true"))) {
			int tests = Integer.getInteger("leak.snapshot-tests", 20);
			LeakCheckBenchmark.Result snapshot = new LeakCheckBenchmark(entries, tests, 2_000, 3, 3, "snapshot")
				.run(scratch);
			Ratio snapshotRatio = snapshot.ratio();
			row(String.format(Locale.ROOT,
					"leak check per test (snapshot, macOS/Windows), %,d entries vs empty, the test changes the directory",
					entries), us(snapshotRatio.measured()), us(snapshotRatio.baseline()), snapshotRatio.median(),
					"<=1.2", snapshotRatio.median() <= 1.2);
			row("  CPU time of the test thread " + snapshotRatio.describe(), "", "", Double.NaN, "", null);
		}
	}

	private void cleanup(Path scratch) throws Exception {
		int directories = Integer.getInteger("cleanup.directories", 1_000);
		int filesPerDirectory = Integer.getInteger("cleanup.files", 100);
		CleanupBenchmark.Result cleanup = new CleanupBenchmark(directories, filesPerDirectory,
				Integer.getInteger("cleanup.rounds", 3))
			.run(scratch);
		String tree = String.format(Locale.ROOT, "%,d files (%,d dirs x %d)", directories * filesPerDirectory,
				directories, filesPerDirectory);
		double vsRm = cleanup.tempguardNanos() / cleanup.rmNanos();
		double vsJunit = cleanup.tempguardNanos() / cleanup.junitNanos();
		row("cleanup " + tree + ": tempguard vs rm -rf", ms(cleanup.tempguardNanos()), ms(cleanup.rmNanos()), vsRm,
				"<=1.5", vsRm <= 1.5);
		row("cleanup " + tree + ": tempguard vs JUnit @TempDir", ms(cleanup.tempguardNanos()), ms(cleanup.junitNanos()),
				vsJunit, "<=1.0", vsJunit <= 1.0);
	}

	private void memory(Path scratch) throws Exception {
		int paths = Integer.getInteger("memory.paths", 100_000);
		int contexts = Integer.getInteger("memory.contexts", 100_000);
		MemoryBenchmark.Result memory = new MemoryBenchmark(paths, contexts).run(scratch);
		row(String.format(Locale.ROOT, "retained heap per tracked path (%,d paths of %d chars)", paths,
				memory.pathChars()), String.format(Locale.ROOT, "%.0f B", memory.bytesPerPath()), "", Double.NaN,
				"<=200B", memory.bytesPerPath() <= 200);
		double growth = (double) memory.endBytes() / memory.baselineBytes();
		row(String.format(Locale.ROOT, "retained heap after %,d test contexts vs before (leak detection on)", contexts),
				mb(memory.endBytes()), mb(memory.baselineBytes()), growth, "none", memory.bytesPerContext() <= 1);
		row(String.format(Locale.ROOT, "  the growth per context (%,d test records kept)", memory.records()),
				String.format(Locale.ROOT, "%.0f B", memory.bytesPerContext()), "", Double.NaN, "0 B",
				memory.bytesPerContext() <= 1);
	}

	private void report(Path scratch) throws Exception {
		int tests = Integer.getInteger("report.tests", 10_000);
		String name = String.format(Locale.ROOT, "report page, %,d tests", tests);
		if (!ReportPageBenchmark.chromiumPresent()) {
			row(name + ": skipped, no chromium (-Dchromium=PATH)", "", "", Double.NaN, "", null);
			return;
		}
		ReportPageBenchmark.Result report = new ReportPageBenchmark(tests, Integer.getInteger("report.rounds", 5))
			.run(scratch);
		row(name + ": size vs 10 tests", mb(report.bytes()),
				String.format(Locale.ROOT, "%.1f kB", report.baselineBytes() / 1e3), Double.NaN, "", null);
		row(name + ": opens in Chromium vs 10 tests", ms(report.openedMillis() * 1e6),
				ms(report.baselineOpenedMillis() * 1e6), report.openedMillis() / report.baselineOpenedMillis(), "<2 s",
				report.openedMillis() < 2_000);
		row("  then every class expanded", ms(report.expandedMillis() * 1e6), "", Double.NaN, "", null);
	}

	private void micro(Path scratch) throws Exception {
		Map<String, Double> micro = new MicroBenchmark().run(scratch);
		double file = micro.get("tempguardFile");
		double plain = micro.get("plainFile");
		row("JMH: test context with 1 file, tempguard vs plain java.nio", us(file), us(plain), file / plain, "-", null);
		row("JMH: empty test context (opened and ended as the listener does)", us(micro.get("emptyContext")), "",
				Double.NaN, "-", null);
	}

	private void row(String name, String measured, String baseline, double ratio, String goal, Boolean met) {
		row(name, measured, baseline, Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.3f", ratio), goal,
				(met == null) ? "" : (met ? "met" : "MISSED"));
	}

	private void row(String name, String measured, String baseline, String ratio, String goal, String verdict) {
		String line = String.format(Locale.ROOT, ROW, name, measured, baseline, ratio, goal, verdict);
		this.table.append(line);
		System.out.print(line);
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

	static String list(double[] values) {
		return Arrays.stream(values)
			.mapToObj((v) -> String.format(Locale.ROOT, "%.0f", v))
			.collect(Collectors.joining(", "));
	}

}
