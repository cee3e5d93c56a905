package dev.tempguard.internal.report;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {

	private final RunReport report = ReportFixtures.forkReport(ReportFixtures.run(), 4242, 100L,
			"2026-01-05T10:00:00Z");

	@Test
	void showsARowPerTestContextWithItsFigures() {
		String html = HtmlReport.render(this.report);

		assertThat(count(html, "<tr data-order=")).isEqualTo(5);
		assertThat(row(html, "#importsADirectory[1]")).contains("\">importsADirectory[1]</td>")
			.contains("ReportFixtures$ServiceTests</td>")
			.contains("<td class=\"kind\">method</td>")
			.contains("<td>passed</td>")
			.contains("<td class=\"num files\">12</td>")
			.contains("data-value=\"48000\"")
			.contains("46.9 KiB")
			.contains("<td class=\"num leaks\">0</td>")
			.contains("<td class=\"num cleanup\" data-value=\"7000000\">7.0</td>");
		assertThat(row(html, "#exportsOrders[1]")).contains("<td class=\"failed\">failed</td>");
		String serviceClass = "data-context=\"" + ReportFixtures.ServiceTests.class.getName() + "\"";
		assertThat(row(html, serviceClass)).contains(">(class)</td>")
			.contains(">class</td>")
			.contains("<td class=\"num files\">1</td>");
		// the upload class's context tracked nothing
		assertThat(html).doesNotContain("data-context=\"" + ReportFixtures.UploadTests.class.getName() + "\"")
			.contains("1 class or run context without files, leaks or kept paths not shown");
	}

	@Test
	void highlightsTheRowsOfTestsThatLeakedAndListsWhatTheyLeft() {
		String html = HtmlReport.render(this.report);

		assertThat(count(html, "class=\"leak\"><td title=")).isEqualTo(1);
		assertThat(row(html, "#uploadsAFile[1]")).contains("class=\"leak\"").contains(">2</td>");
		// leak rows first, then the most files
		assertThat(html.indexOf("#uploadsAFile[1]")).isLessThan(html.indexOf("#importsADirectory[1]"));
		assertThat(html.indexOf("#importsADirectory[1]")).isLessThan(html.indexOf("#importsOrders[1]"));
		assertThat(html).contains("<table id=\"leaks\">")
			.contains(ReportFixtures.LOCKED.toString())
			.contains(ReportFixtures.UNTRACKED.toString())
			.contains("created without the registry, not deleted")
			.contains("<table id=\"kept\">")
			.contains(ReportFixtures.KEPT.toString());
		assertThat(html).contains("<div class=\"card bad\" id=\"total-leaked\"><span class=\"value\">2</span>");
	}

	@Test
	void drawsABarOfFilesPerTestClassMostFirst() {
		String html = HtmlReport.render(this.report);

		assertThat(html).contains("<svg id=\"chart\"");
		List<String> bars = matches(html, "<g class=\"bar-row\" data-class=\"([^\"]+)\" data-files=\"(\\d+)\"");
		assertThat(bars).containsExactly(ReportFixtures.ServiceTests.class.getName() + "=18",
				ReportFixtures.UploadTests.class.getName() + "=1");
		assertThat(html).contains("<rect class=\"bar leak\"");
	}

	@Test
	void escapesEveryValueSoThatATestNamedLikeAScriptStaysText() {
		String evil = "<script>alert('x')</script>";
		RunReport.TestEntry test = new RunReport.TestEntry(1, "dev.Evil\"Tests#" + evil + "[1]", "dev.Evil\"" + evil,
				"method", "passed", 1, 1, List.of(new RunReport.LeakEntry("/tmp/" + evil, "UNTRACKED", 1, 1, evil)),
				List.of("/tmp/&" + evil), 1);
		RunReport report = new RunReport(1, List.of(new RunReport.Fork(1, null, evil, evil, evil)),
				RunReport.Totals.NONE, List.of(test));

		String html = HtmlReport.render(report);

		assertThat(count(html, "<script>")).isEqualTo(1);
		assertThat(html).doesNotContain("alert('x')")
			.doesNotContain("Evil\"")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
			.contains("dev.Evil&quot;Tests#")
			.contains("/tmp/&amp;&lt;script&gt;");
	}

	@Test
	void isOnePageThatLoadsNothingFromTheNetwork() {
		String html = HtmlReport.render(this.report);

		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains("<style>")
			.contains("<script>")
			.doesNotContain("<link")
			.doesNotContain(" src=")
			.doesNotContain("@import")
			.doesNotContain("url(");
		assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:")
			.doesNotContain("https:");
	}

	@Test
	void saysSoWhenNoTestCreatedFiles() {
		RunReport empty = new RunReport(1, List.of(), RunReport.Totals.NONE, List.of());

		String html = HtmlReport.render(empty);

		assertThat(html).contains("No test created temporary files.")
			.contains("No test context was cleaned.")
			.contains("No test leaked a temporary path.");
	}

	private static String row(String html, String contextPart) {
		Matcher matcher = Pattern.compile("<tr data-order=[^\\n]*" + Pattern.quote(contextPart) + "[^\\n]*")
			.matcher(html);
		assertThat(matcher.find()).as("a row of %s", contextPart).isTrue();
		return matcher.group();
	}

	private static List<String> matches(String html, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(html);
		List<String> found = new java.util.ArrayList<>();
		while (matcher.find()) {
			found.add(matcher.group(1) + "=" + matcher.group(2));
		}
		return found;
	}

	private static int count(String html, String part) {
		int count = 0;
		for (int at = html.indexOf(part); at >= 0; at = html.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
