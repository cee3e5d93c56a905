package dev.tempguard.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {

	private final RunReport report = ReportFixtures.forkReport(ReportFixtures.run(), 4242, 100L,
			"2026-01-05T10:00:00Z");

	@Test
	void startsWithTheVerdictThenTheLeaksBeforeTheTests() {
		String html = HtmlReport.render(this.report);

		assertThat(html).contains("<p id=\"verdict\" class=\"verdict bad\">2 leaks in 1 test (1 undeletable,"
				+ " 1 untracked); 1 path kept after failed tests; no cleanup failures; no framework leftovers</p>");
		assertThat(html.indexOf("id=\"verdict\"")).isLessThan(html.indexOf("id=\"leaks\""));
		assertThat(html.indexOf("id=\"leaks\"")).isLessThan(html.indexOf("id=\"kept\""));
		assertThat(html.indexOf("id=\"kept\"")).isLessThan(html.indexOf("id=\"tests\""));
		assertThat(html.indexOf("id=\"tests\"")).isLessThan(html.indexOf("id=\"forks\""));
	}

	@Test
	void aCleanRunSaysSoInOneLineAndShowsNoLeakSection() {
		String html = HtmlReport.render(ReportFixtures.cleanSuite(232));

		assertThat(html)
			.contains("<p id=\"verdict\" class=\"verdict clean\">Clean: 232 tests guarded, nothing leaked,"
					+ " nothing kept, no cleanup failures, no framework leftovers</p>")
			.doesNotContain("id=\"leaks\"")
			.doesNotContain("id=\"kept\"")
			.doesNotContain("id=\"leftovers\"")
			.doesNotContain("id=\"trend\"");
	}

	@Test
	void namesEachLeaksTestPathSizeCreationSiteAndForAnUndeletableOneWhereItIsStillOpen() {
		String html = HtmlReport.render(this.report);

		List<String> leaks = items(html, "leaks");
		assertThat(leaks).hasSize(2);
		String display = HtmlReport.escape(ReportFixtures.UPLOAD_DISPLAY_NAME);
		assertThat(leaks.get(0)).contains("data-reason=\"UNDELETABLE\"")
			.contains("<span class=\"test-name\" title=\"" + ReportFixtures.UploadTests.class.getName()
					+ "#uploadsAFile[1]\">" + display + "</span>")
			.contains("<span class=\"path\">" + ReportFixtures.LOCKED + "</span>")
			.contains("2.0 KiB in 1 file; tracked by the registry, and could not be deleted")
			.contains("still open in this JVM, opened at " + ReportFixtures.OPENED_AT + ", called from "
					+ ReportFixtures.CALLED_FROM);
		assertThat(leaks.get(1)).contains("data-reason=\"UNTRACKED\"")
			.contains(display)
			.contains("<span class=\"path\">" + ReportFixtures.UNTRACKED + "</span>")
			.contains("100 B in 1 file; created during the test without the registry, and not deleted")
			.contains("made at <span class=\"frames\">" + ReportFixtures.MADE_AT + "<br>called from "
					+ ReportFixtures.CALLED_FROM + "</span>")
			.doesNotContain("still open");
	}

	@Test
	void anUntrackedLeakOfTheRunIsSaidToBeMadeOutsideEveryTest() {
		RunReport.TestEntry run = new RunReport.TestEntry(1, "run", "run", "", "run", "passed", 0, 0,
				List.of(new RunReport.LeakEntry("/tmp/between-classes.tmp", "UNTRACKED", 10, 1, "leak")), List.of(), 0);

		String html = HtmlReport.render(new RunReport(1, List.of(), RunReport.Totals.NONE, List.of(run)));

		assertThat(items(html, "leaks")).singleElement()
			.asString()
			.contains("10 B in 1 file; created outside every test, and not deleted")
			.doesNotContain("during the test");
	}

	@Test
	void showsAClassPerRowWithItsTotalsAndItsTestsByDisplayNameFoldedUnderIt() {
		String html = HtmlReport.render(this.report);

		List<String> groups = groups(html);
		assertThat(groups).hasSize(2);
		// the class that leaked first
		assertThat(groups.get(0))
			.startsWith("<tbody class=\"g leak\" data-class=\"" + ReportFixtures.UploadTests.class.getName() + "\">");
		String service = groups.get(1);
		assertThat(classRow(service)).contains(">ServiceTests</button> <span class=\"count\">3 tests</span>")
			.contains("<td data-v=\"1\" class=\"failed\">1 failed</td>")
			.contains("<td>18</td><td data-v=\"49850\">48.7 KiB</td><td>0</td><td data-v=\"10800000\">10.8</td>");
		List<String> rows = testRows(service);
		assertThat(rows).hasSize(4).allMatch((row) -> row.contains(" hidden>"));
		// failed first, then the most files; the class's own context where it tracked
		// files
		assertThat(rows.get(0)).contains(">exportsOrders()</td><td class=\"failed\">failed</td>");
		assertThat(rows.get(1)).contains("title=\"" + ReportFixtures.ServiceTests.class.getName()
				+ "#importsADirectory[1]\">importsADirectory()</td><td>passed</td><td>12</td>");
		assertThat(rows.get(2)).contains(">importsOrders()</td>");
		assertThat(rows.get(3)).contains(">(class context: @BeforeAll, @AfterAll)</td>");
		assertThat(testRows(groups.get(0))).singleElement()
			.asString()
			.contains("<tr class=\"t leak\" hidden>")
			.contains(">uploadsAFile(String) &gt; [1] &quot;a.csv&quot;</td>");
		assertThat(html).contains("<input type=\"search\" id=\"filter\"")
			.contains("<span class=\"hint\" id=\"shown\">2 classes, 4 tests</span>");
	}

	@Test
	void listsTheLargestProducersByFilesBytesAndCleanupTime() {
		String html = HtmlReport.render(this.report);

		assertThat(items(html, "producers-files")).hasSize(5)
			.first()
			.asString()
			.contains("ServiceTests &gt; importsADirectory()")
			.contains("<span class=\"value\">12</span>");
		assertThat(items(html, "producers-bytes").get(0)).contains("importsADirectory()").contains("46.9 KiB");
		assertThat(items(html, "producers-cleanup").get(0)).contains("importsADirectory()").contains("7.0 ms");
	}

	@Test
	void showsAllowedAndKnownLeaksFixedBaselineEntriesAndFrameworkLeftovers() {
		String html = HtmlReport
			.render(ReportFixtures.forkReport(ReportFixtures.everything(), 1, 100L, "2026-01-05T10:00:00Z"));

		assertThat(html).contains(">4 leaks in 2 tests (1 undeletable, 1 untracked, 1 late, 1 ambiguous): 2 new,"
				+ " 1 allowed, 1 known; 1 path kept after failed tests; no cleanup failures; 2 framework leftovers"
				+ " (1 left, not deleted); 1 baseline entry fixed</p>");
		List<String> leaks = items(html, "leaks");
		assertThat(leaks).hasSize(4);
		assertThat(leaks.get(2)).startsWith("<li class=\"leak allowed\" data-reason=\"LATE\">")
			.contains("<span class=\"badge muted\">allowed</span>")
			.contains("allowed by @AllowLeaks: renderer keeps its output until GC (GH-12)")
			.contains("made at <span class=\"frames\">com.example.report.Renderer.render(Renderer.java:88)</span>");
		assertThat(leaks.get(3)).startsWith("<li class=\"leak known\" data-reason=\"AMBIGUOUS\">")
			.contains("known: in the baseline as <code>UploadTests#rendersAReport shared-cache-*.tmp</code>")
			.contains("site unknown: no agent; seen by the directory watch")
			.contains("made by one of: UploadTests &gt; rendersAReport(), ServiceTests &gt; importsOrders()");
		assertThat(items(html, "fixed")).singleElement()
			.asString()
			.contains("<code>ServiceTests#importsOrders orders-*.csv</code>");
		assertThat(items(html, "leftovers")).containsExactly(
				"<li class=\"deleted\"><span class=\"path\">" + ReportFixtures.TOMCAT + "</span><div class=\"facts\">"
						+ "12.0 KiB in 3 files; matched Tomcat work directory, deleted when the JVM exits; started by"
						+ " UploadTests</div></li>",
				"<li class=\"left\"><span class=\"path\">" + ReportFixtures.UNKNOWN_LEFTOVER
						+ "</span><div class=\"facts\">700 B in 1 file; left by start-up, not deleted</div></li>");
	}

	@Test
	void drawsTheTrendOfTheLastBuildsOnlyWhenThereAreAtLeastTwo() {
		RunReport.Build first = new RunReport.Build("host/1@a", "2026-01-03T10:00:00Z", 10, 4, 4, 100, 30_000_000, 0, 0,
				0);
		RunReport.Build second = new RunReport.Build("host/2@b", "2026-01-04T10:00:00Z", 10, 2, 1, 80, 20_000_000, 0, 0,
				0);
		RunReport.Build third = new RunReport.Build("host/3@c", "2026-01-05T10:00:00Z", 12, 0, 0, 60, 10_000_000, 0, 0,
				0);

		assertThat(HtmlReport.render(this.report.withHistory(List.of(third)))).doesNotContain("<svg")
			.doesNotContain("builds</h2>");
		String html = HtmlReport.render(this.report.withHistory(List.of(first, second, third)));

		assertThat(html).contains("<h2>Last 3 builds</h2>\n<svg id=\"trend\"");
		assertThat(count(html, "<rect class=\"hover\"")).isEqualTo(3);
		assertThat(html)
			.contains("<title>2026-01-03T10:00:00Z: 4 leaks (4 new), 100 files, 30 ms cleaning, 10" + " tests</title>")
			.contains("data-series=\"leaks\"")
			.contains("data-series=\"files created\"")
			.contains("data-series=\"cleanup ms\"")
			.contains(">2026-01-03 10:00</text>")
			.contains(">2026-01-05 10:00</text>");
	}

	@Test
	void escapesEveryValueSoThatATestNamedLikeAScriptStaysText() {
		String evil = "<script>alert('x')</script>";
		RunReport.TestEntry test = new RunReport.TestEntry(1, "dev.Evil\"Tests#" + evil + "[1]", evil,
				"dev.Evil\"" + evil, "method", "passed", 1, 1,
				List.of(new RunReport.LeakEntry("/tmp/" + evil, "UNTRACKED", 1, 1, evil)), List.of("/tmp/&" + evil), 1);
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
		String html = HtmlReport.render(this.report
			.withHistory(List.of(new RunReport.Build("a", "2026-01-04T10:00:00Z", 1, 1, 1, 1, 1, 0, 0, 0),
					new RunReport.Build("b", "2026-01-05T10:00:00Z", 1, 1, 1, 1, 1, 0, 0, 0))));

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
	void staysUnderFourMegabytesWithTenThousandTests() {
		String html = HtmlReport.render(ReportFixtures.cleanSuite(10_000));

		assertThat(count(html, "<tr class=\"t\"")).isEqualTo(10_000);
		assertThat(html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(4_000_000);
	}

	@Test
	void saysSoWhenNoTestContextWasCleaned() {
		RunReport empty = new RunReport(1, List.of(), RunReport.Totals.NONE, List.of());

		String html = HtmlReport.render(empty);

		assertThat(html).contains("No test context was cleaned.")
			.contains(">Clean: 0 tests guarded, nothing leaked")
			.doesNotContain("id=\"producers-section\"");
	}

	// the <li> elements of the list of the given id
	static List<String> items(String html, String id) {
		int start = html.indexOf("id=\"" + id + "\">");
		assertThat(start).as("a list of id %s", id).isNotNegative();
		int end = html.indexOf("</ol>", start);
		int ul = html.indexOf("</ul>", start);
		end = (end < 0 || (ul >= 0 && ul < end)) ? ul : end;
		return matches(html.substring(start, end), "<li[ >].*?</li>");
	}

	static List<String> groups(String html) {
		return matches(html, "<tbody class=\"g.*?</tbody>");
	}

	private static String classRow(String group) {
		return matches(group, "<tr class=\"c\">.*?</tr>").get(0);
	}

	static List<String> testRows(String group) {
		return matches(group, "<tr class=\"t.*?</tr>");
	}

	private static List<String> matches(String text, String regex) {
		Matcher matcher = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
		List<String> found = new ArrayList<>();
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	static int count(String html, String part) {
		int count = 0;
		for (int at = html.indexOf(part); at >= 0; at = html.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
