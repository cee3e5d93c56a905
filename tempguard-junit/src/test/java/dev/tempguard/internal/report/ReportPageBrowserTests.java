package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders a written report page in headless Chromium (Debian's {@code chromium} package,
 * which {@code .ci/run} installs) and checks what the browser shows: skipped where there
 * is no {@code /usr/bin/chromium}.
 */
class ReportPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final long TIMEOUT_SECONDS = 60;

	@TempDir
	static Path dir;

	private static Path page;

	@BeforeAll
	static void writeAReport() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": install Debian's chromium package");
		RunReport report = ReportFixtures.forkReport(ReportFixtures.run(), 4242, 100L, "2026-01-05T10:00:00Z");
		page = new ReportWriter(dir.resolve("report")).write(report).html();
	}

	@Test
	void showsEveryTestWithLeakRowsHighlightedTheTotalsAndTheChart() throws Exception {
		String dom = chromium("--dump-dom", page.toUri().toString());

		List<String> rows = rows(dom);
		assertThat(rows).hasSize(5);
		assertThat(rows.get(0)).contains("#uploadsAFile[1]").contains("class=\"leak\"");
		assertThat(rows.subList(1, 5)).noneMatch((row) -> row.contains("class=\"leak\""));
		assertThat(dom).contains("<span class=\"value\">4</span><span class=\"label\">tests guarded</span>")
			.contains("<span class=\"value\">19</span><span class=\"label\">paths created</span>")
			.contains("<td>4242</td>")
			.contains("<svg id=\"chart\"")
			.contains("ReportFixtures$ServiceTests</text>");
		// the script ran, and sorted nothing until asked
		assertThat(dom).contains("tabindex=\"0\"").doesNotContain("data-sorted=");
	}

	@Test
	void sortsTheTableByTheColumnNamedInTheAddress() throws Exception {
		String dom = chromium("--dump-dom", page.toUri() + "#sort=files-asc");

		assertThat(dom).contains("data-sorted=\"files-asc\"").contains("aria-sort=\"ascending\"");
		List<Integer> files = new ArrayList<>();
		for (String row : rows(dom)) {
			Matcher matcher = Pattern.compile("<td class=\"num files\">(\\d+)</td>").matcher(row);
			assertThat(matcher.find()).isTrue();
			files.add(Integer.parseInt(matcher.group(1)));
		}
		assertThat(files).containsExactly(1, 1, 2, 3, 12);
	}

	@Test
	void takesAScreenshotOfThePage() throws Exception {
		Path png = dir.resolve("report.png");

		chromium("--screenshot=" + png, "--window-size=1280,900", "--hide-scrollbars", page.toUri().toString());

		byte[] bytes = Files.readAllBytes(png);
		assertThat(bytes.length).isGreaterThan(10_000);
		assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
	}

	private static List<String> rows(String dom) {
		Matcher matcher = Pattern.compile("<tr data-order=.*?</tr>", Pattern.DOTALL).matcher(dom);
		List<String> rows = new ArrayList<>();
		while (matcher.find()) {
			rows.add(matcher.group());
		}
		return rows;
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
