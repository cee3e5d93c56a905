package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tempguard.internal.report.HtmlReport;
import dev.tempguard.internal.report.RunReport;

/**
 * The report page of a suite of {@code tests} tests, every one listed (the worst case:
 * one fork keeps at most 1,000 clean tests one by one, so this many rows come from merged
 * forks, or from that many tests failing or leaking), against the page of a suite of 10
 * tests: its size, and how long headless Chromium takes to open it.
 * <p>
 * "Open" is measured by the page itself: a script added at its end notes
 * {@code performance.now()} (milliseconds since navigation started) in the load event,
 * after forcing a layout: the file read, the HTML parsed, the page's script run, styles
 * and layout done. Then the same with every class expanded (the script clicks "Expand
 * all"). Each round starts a fresh browser; the median of the rounds is kept.
 */
final class ReportPageBenchmark {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

	private static final String OPENED = """
			<script>
			window.addEventListener('load', function () {
			  var body = document.body;
			  body.offsetHeight;
			  body.setAttribute('data-opened', String(performance.now()));
			  var all = document.getElementById('expand-all');
			  var start = performance.now();
			  if (all) { all.click(); }
			  body.offsetHeight;
			  body.setAttribute('data-expanded', String(performance.now() - start));
			});
			</script>
			</body>""";

	private final int tests;

	private final int rounds;

	ReportPageBenchmark(int tests, int rounds) {
		this.tests = tests;
		this.rounds = rounds;
	}

	static boolean chromiumPresent() {
		return Files.isExecutable(CHROMIUM);
	}

	Result run(Path scratch) throws IOException, InterruptedException {
		Path work = Files.createDirectories(scratch.resolve("report-page"));
		String page = HtmlReport.render(suite(this.tests));
		String small = HtmlReport.render(suite(10));
		Path large = Files.writeString(work.resolve("large.html"), page.replace("</body>", OPENED));
		Path baseline = Files.writeString(work.resolve("small.html"), small.replace("</body>", OPENED));
		open(work, baseline);
		double[] largeOpened = new double[this.rounds];
		double[] largeExpanded = new double[this.rounds];
		double[] smallOpened = new double[this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			double[] figures = open(work, large);
			largeOpened[round] = figures[0];
			largeExpanded[round] = figures[1];
			smallOpened[round] = open(work, baseline)[0];
		}
		return new Result(page.getBytes(StandardCharsets.UTF_8).length, small.getBytes(StandardCharsets.UTF_8).length,
				Ratio.median(largeOpened), Ratio.median(largeExpanded), Ratio.median(smallOpened));
	}

	// milliseconds to open the page and to expand every class, as the page measured them
	private static double[] open(Path work, Path page) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory(work, "profile");
		Path output = work.resolve("dom-" + System.nanoTime() + ".html");
		Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + profile, "--window-size=1280,900", "--dump-dom", page.toUri().toString())
			.redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException("chromium did not open " + page + " in 120 s");
		}
		String dom = Files.readString(output);
		return new double[] { attribute(dom, "data-opened"), attribute(dom, "data-expanded") };
	}

	private static double attribute(String dom, String name) {
		Matcher matcher = Pattern.compile(" " + name + "=\"([0-9.]+)\"").matcher(dom);
		if (!matcher.find()) {
			throw new IllegalStateException("chromium's page has no " + name);
		}
		return Double.parseDouble(matcher.group(1));
	}

	/**
	 * A report of {@code tests} tests in classes of 20, named as JUnit names them: a
	 * parameterized test in every class, a leak in every 500th test, a failure in every
	 * 250th, a few files in every 7th.
	 */
	static RunReport suite(int tests) {
		List<RunReport.TestEntry> entries = new ArrayList<>();
		long files = 0;
		long nanos = 0;
		for (int i = 0; i < tests; i++) {
			int c = i / 20;
			String simple = "Module" + (c % 37) + "Feature" + c + "IntegrationTests";
			String className = "com.example.shop.module" + (c % 37) + "." + simple;
			String method = (i % 20 < 5) ? "convertsTheInput" : "handlesCase" + (i % 20);
			int invocation = (i % 20 < 5) ? i % 20 + 1 : 1;
			String displayName = simple + " > " + method
					+ ((i % 20 < 5) ? "(String) > [" + invocation + "] \"input-" + invocation + ".csv\"" : "()");
			List<RunReport.LeakEntry> leaks = (i % 500 == 499)
					? List.of(new RunReport.LeakEntry("/tmp/leaked-" + i + ".tmp", "UNTRACKED", 1_024, 1,
							"/tmp/leaked-" + i + ".tmp (1024 bytes; created during the test without the registry)"))
					: List.of();
			int made = (i % 7 == 0) ? 3 : 0;
			long cleanup = 15_000 + (i % 13) * 1_000L;
			entries.add(new RunReport.TestEntry(1, className + "#" + method + "[" + invocation + "]", displayName,
					className, "method", (i % 250 == 249) ? "failed" : "passed", made, made * 2_000L, leaks, List.of(),
					cleanup));
			files += made;
			nanos += cleanup;
		}
		RunReport.Totals totals = new RunReport.Totals(tests, files, files, 0, files, 0, tests / 500, 0, 0, nanos);
		return new RunReport(RunReport.VERSION,
				List.of(new RunReport.Fork(1, 100L, "bench", "2026-01-05T10:00:00Z", "2026-01-05T10:10:00Z")), totals,
				entries);
	}

	/**
	 * What was measured.
	 *
	 * @param bytes the size of the large page
	 * @param baselineBytes the size of the page of 10 tests
	 * @param openedMillis milliseconds to open the large page
	 * @param expandedMillis then, to expand every class
	 * @param baselineOpenedMillis milliseconds to open the page of 10 tests
	 */
	record Result(long bytes, long baselineBytes, double openedMillis, double expandedMillis,
			double baselineOpenedMillis) {

	}

}
