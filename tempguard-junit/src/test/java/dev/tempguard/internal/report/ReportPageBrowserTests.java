package dev.tempguard.internal.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders written report pages in headless Chromium (Debian's {@code chromium} package,
 * which {@code .ci/run} installs) and checks what the browser shows, what its script
 * does, and that nothing overflows horizontally from 1,280 px down to a phone's 390 px:
 * skipped where there is no {@code /usr/bin/chromium}. A script added at the end of a
 * copy of the page acts as the user would (clicks, types) and writes what it measured
 * into the DOM that Chromium prints.
 * <p>
 * With {@code -Dtempguard.report.screenshots=DIR} the screenshots are written to
 * {@code DIR} (docs/images holds them), else to a temporary directory.
 */
class ReportPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final long TIMEOUT_SECONDS = 60;

	// a parameterized test's argument as a long unbroken word, and a deep path
	private static final String LONG_ARGUMENT = "x".repeat(60) + "_" + "a".repeat(70);

	private static final String LONG_PATH = "/tmp/" + "nested-directory-with-a-long-name/".repeat(6)
			+ "file-without-any-break-" + "0123456789".repeat(8) + ".tmp";

	@TempDir
	static Path dir;

	private static Path page;

	private static Path cleanPage;

	private static Path longNamesPage;

	@BeforeAll
	static void writeReports() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": install Debian's chromium package");
		RunReport report = ReportFixtures.forkReport(ReportFixtures.everything(), 4242, 100L, "2026-01-05T10:00:00Z")
			.withHistory(history());
		page = Files.writeString(dir.resolve("report.html"), HtmlReport.render(report));
		cleanPage = Files.writeString(dir.resolve("clean.html"), HtmlReport.render(ReportFixtures.cleanSuite(232)));
		longNamesPage = Files.writeString(dir.resolve("long-names.html"), HtmlReport.render(withLongNames(report)));
	}

	@Test
	void showsTheVerdictTheLeaksAndTheClassesWithTheirTestsFolded() throws Exception {
		String dom = chromium("--dump-dom", page.toUri().toString());

		assertThat(dom).contains("<p id=\"verdict\" class=\"verdict bad\">4 leaks in 2 tests")
			.contains("<span class=\"path\">" + ReportFixtures.LOCKED + "</span>")
			.contains("still open in this JVM, opened at " + ReportFixtures.OPENED_AT)
			.contains("<svg id=\"trend\"");
		List<String> groups = HtmlReportTests.groups(dom);
		assertThat(groups).hasSize(2);
		assertThat(groups.get(0)).contains("ReportFixtures$UploadTests");
		assertThat(groups).flatMap(HtmlReportTests::testRows)
			.hasSize(6)
			.allMatch((row) -> row.contains(" hidden=\"\""));
		// the script ran, and sorted nothing until asked
		assertThat(dom).contains("tabindex=\"0\"").doesNotContain("data-sorted=");
	}

	@Test
	void clickingAClassShowsItsTests() throws Exception {
		String dom = dom(page, "document.querySelectorAll('tbody.g .toggle')[1].click();");

		List<String> groups = HtmlReportTests.groups(dom);
		assertThat(groups.get(1)).contains("aria-expanded=\"true\">ServiceTests</button>");
		assertThat(HtmlReportTests.testRows(groups.get(1))).hasSize(4).noneMatch((row) -> row.contains("hidden"));
		assertThat(HtmlReportTests.testRows(groups.get(0))).allMatch((row) -> row.contains("hidden"));
	}

	@Test
	void theSearchBoxFiltersByTestNameOrByClassName() throws Exception {
		String byTest = dom(page, type("importsord"));
		String byClass = dom(page, type("uploadtests"));

		List<String> groups = HtmlReportTests.groups(byTest);
		assertThat(groups.get(0)).startsWith("<tbody class=\"g leak\" data-class=\""
				+ ReportFixtures.UploadTests.class.getName() + "\" hidden=\"\"");
		assertThat(HtmlReportTests.testRows(groups.get(1))).filteredOn((row) -> !row.contains("hidden"))
			.singleElement()
			.asString()
			.contains(">importsOrders()</td>");
		assertThat(byTest).contains("<span class=\"hint\" id=\"shown\">1 of 2 classes match</span>");
		List<String> classes = HtmlReportTests.groups(byClass);
		assertThat(classes.get(0))
			.doesNotContain("data-class=\"" + ReportFixtures.UploadTests.class.getName() + "\" hidden");
		assertThat(classes.get(1)).contains("hidden=\"\"");
		// a class that matches keeps its tests folded until it is opened
		assertThat(HtmlReportTests.testRows(classes.get(0))).allMatch((row) -> row.contains("hidden"));
	}

	@Test
	void sortsTheClassesAndTheirTestsByTheColumnNamedInTheAddress() throws Exception {
		String dom = chromium("--dump-dom", page.toUri() + "#sort=files-asc");

		assertThat(dom).contains("data-sorted=\"files-asc\"").contains("aria-sort=\"ascending\"");
		List<String> groups = HtmlReportTests.groups(dom);
		assertThat(groups.get(0)).contains("UploadTests");
		List<Integer> files = new ArrayList<>();
		for (String row : HtmlReportTests.testRows(groups.get(1))) {
			Matcher matcher = Pattern.compile("</td><td[^>]*>(?:passed|failed)?</td><td>(\\d+)</td>").matcher(row);
			assertThat(matcher.find()).as(row).isTrue();
			files.add(Integer.parseInt(matcher.group(1)));
		}
		assertThat(files).containsExactly(1, 2, 3, 12);
	}

	@ParameterizedTest(name = "{0} at {1} px")
	@CsvSource({ "report, 1280", "report, 390", "clean, 1280", "clean, 390", "long-names, 1280", "long-names, 768",
			"long-names, 641", "long-names, 390" })
	void nothingOverflowsHorizontallyFromADesktopDownToAPhone(String name, int width) throws Exception {
		String dom = measure(dir.resolve(name + ".html"), width);

		assertThat(attribute(dom, "data-window")).as("the window's width").isEqualTo(String.valueOf(width));
		assertThat(attribute(dom, "data-wide")).as("elements wider than the window").isEmpty();
		assertThat(attribute(dom, "data-overflow")).as("the page's horizontal overflow").isEqualTo("0");
	}

	@Test
	void theOverflowCheckSeesAnElementWiderThanThePhone() throws Exception {
		Path wide = Files.writeString(dir.resolve("wide.html"), Files.readString(page)
			.replace("<h1>tempguard report</h1>", "<h1>tempguard report</h1><div style=\"width: 600px\">x</div>"));

		String dom = measure(wide, 390);

		assertThat(attribute(dom, "data-wide")).contains("div right=");
		assertThat(Integer.parseInt(attribute(dom, "data-overflow"))).isPositive();
	}

	@Test
	void takesScreenshotsOfTheReportAndOfACleanSuiteAtBothWidths() throws Exception {
		String configured = System.getProperty("tempguard.report.screenshots");
		Path target = (configured != null) ? Files.createDirectories(Path.of(configured)) : dir;
		for (int width : new int[] { 1280, 390 }) {
			screenshot(page, target.resolve("report-" + width + ".png"), width);
			screenshot(cleanPage, target.resolve("report-clean-232-" + width + ".png"), width);
		}

		byte[] bytes = Files.readAllBytes(target.resolve("report-390.png"));
		assertThat(bytes.length).isGreaterThan(10_000);
		assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
	}

	// a screenshot of the whole page at that width, its classes folded
	private static void screenshot(Path page, Path png, int width) throws Exception {
		int height = Math.min(6_000, Integer.parseInt(attribute(measure(page, width), "data-height")));
		framed(page, "", width, height, true);
		Files.move(dir.resolve("screenshot.png"), png, StandardCopyOption.REPLACE_EXISTING);
	}

	private static List<RunReport.Build> history() {
		List<RunReport.Build> builds = new ArrayList<>();
		long[] leaks = { 6, 5, 5, 3, 4, 2, 2, 4 };
		for (int i = 0; i < leaks.length; i++) {
			builds.add(new RunReport.Build("build-host/" + i + "@", "2026-01-0" + (i + 1) + "T10:00:30Z", 5, leaks[i],
					leaks[i] / 2, 40 - i * 3, (30 - i * 2) * 1_000_000L, 0, 0, 1));
		}
		return builds;
	}

	// the report, with a test whose argument is one long word, and a leak of a deep path
	private static RunReport withLongNames(RunReport report) {
		String className = "com.example.a.very.long.package.name.for.a.test.SomeVeryLongNamedIntegrationTests";
		RunReport.TestEntry test = new RunReport.TestEntry(4242, className + "#convertsTheInput[1]",
				"SomeVeryLongNamedIntegrationTests > convertsTheInput(String, String) > [1] \"" + LONG_ARGUMENT + "\"",
				className, "method", "failed", 3, 30_000,
				List.of(new RunReport.LeakEntry(LONG_PATH, "UNTRACKED", 3, 1, "long")), List.of(LONG_PATH), 10_000);
		List<RunReport.TestEntry> tests = new ArrayList<>(report.tests());
		tests.add(test);
		return new RunReport(RunReport.VERSION, report.forks(), report.totals(), null, tests, report.leftovers(),
				report.fixed(), report.history());
	}

	private static String type(String text) {
		return "var filter = document.getElementById('filter'); filter.value = '" + text + "';"
				+ " filter.dispatchEvent(new Event('input'));";
	}

	private static String attribute(String dom, String name) {
		Matcher matcher = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(dom);
		assertThat(matcher.find()).as("the page's %s", name).isTrue();
		return matcher.group(1);
	}

	// the DOM of a copy of the page with the script added at its end, in a window of that
	// width
	private static String dom(Path page, String script) throws Exception {
		Path copy = dir.resolve("acted-" + System.nanoTime() + "-" + page.getFileName());
		Files.writeString(copy, withScript(Files.readString(page), script));
		return chromium("--window-size=1280,900", "--hide-scrollbars", "--dump-dom", copy.toUri().toString());
	}

	/**
	 * The DOM of a window holding the page in a frame of that width, measured by
	 * {@code report-page-measure.js} (which scripts/check-report-page.sh runs too): the
	 * measures are attributes of the window's body.
	 */
	private static String measure(Path page, int width) throws Exception {
		try (InputStream script = ReportPageBrowserTests.class.getResourceAsStream("/report-page-measure.js")) {
			return framed(page, new String(script.readAllBytes(), StandardCharsets.UTF_8), width, 900, false);
		}
	}

	/**
	 * The page in a frame of exactly that size, with the script added at its end: a
	 * headless window is 500 px wide at least, a frame as narrow as a phone. Returns the
	 * window's DOM; or, with {@code screenshot}, takes {@code screenshot.png} of the
	 * frame (a window narrower than 500 px is laid out at 500 px, and cut).
	 */
	private static String framed(Path page, String script, int width, int height, boolean screenshot) throws Exception {
		Path wrapper = Files.writeString(dir.resolve("framed-" + System.nanoTime() + ".html"),
				"<!DOCTYPE html>\n<html><head><style>body { margin: 0; } iframe { border: 0; display: block; }"
						+ "</style></head><body><iframe width=\"" + width + "\" height=\"" + height + "\" srcdoc=\""
						+ HtmlReport.escape(withScript(Files.readString(page), script))
						+ "\"></iframe></body></html>\n");
		String window = "--window-size=" + width + "," + height;
		if (screenshot) {
			return chromium("--screenshot=" + dir.resolve("screenshot.png"), window, "--hide-scrollbars",
					wrapper.toUri().toString());
		}
		return chromium(window, "--hide-scrollbars", "--dump-dom", wrapper.toUri().toString());
	}

	private static String withScript(String html, String script) {
		return html.replace("</body>", "<script>\n" + script + "\n</script>\n</body>");
	}

	// runs chromium headless with a fresh profile, returns what it printed
	private static String chromium(String... arguments) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory(dir, "profile");
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
		command.addAll(List.of(arguments));
		Path output = dir.resolve("chromium-" + System.nanoTime() + ".out");
		Process process = new ProcessBuilder(command).redirectErrorStream(false)
			.redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
		}
		assertThat(process.exitValue()).as("exit code of %s", command).isZero();
		return Files.readString(output);
	}

}
