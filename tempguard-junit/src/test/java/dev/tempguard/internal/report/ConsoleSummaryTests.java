package dev.tempguard.internal.report;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSummaryTests {

	private final RunReport report = ReportFixtures.forkReport(ReportFixtures.run(), 4242, 100L,
			"2026-01-05T10:00:00Z");

	@Test
	void startsWithTheLineOfTotalsThatTheReadmePromisesThenTheVerdict() {
		String summary = ConsoleSummary.render(this.report, "/build/target/tempguard/index.html");

		assertThat(summary.lines().limit(2)).containsExactly(
				"[tempguard] 4 tests guarded: 19 temporary paths created, 17 deleted, 2 leaked, 1 kept,"
						+ " 0 cleanup failures, 11 ms cleaning",
				"[tempguard]   verdict: 2 leaks in 1 test (1 undeletable, 1 untracked); 1 path kept after failed"
						+ " tests; no cleanup failures; no framework leftovers");
	}

	@Test
	void listsTheLeaksByTestWithTheirSiteTheKeptPathsTheTimeCleaningAndWhereTheReportIs() {
		String summary = ConsoleSummary.render(this.report, "/build/target/tempguard/index.html");

		assertThat(summary.lines()).allMatch((line) -> line.startsWith("[tempguard] "));
		assertThat(summary)
			.contains("\n[tempguard]   leaks by test: 2 paths in 1 test (1 undeletable, 1 untracked, 0 late,"
					+ " 0 ambiguous)\n[tempguard]       2  " + ReportFixtures.UPLOAD_DISPLAY_NAME + "  e.g. "
					+ ReportFixtures.LOCKED + "\n")
			.contains("\n[tempguard]   kept on failure: 1 path left for inspection\n[tempguard]     "
					+ ReportFixtures.KEPT + "  (ServiceTests > exportsOrders())\n")
			.contains("\n[tempguard]   cleaning: 11 ms over 6 contexts; slowest ServiceTests > importsADirectory()"
					+ " (7.0 ms)\n")
			.doesNotContain("framework leftovers:")
			.doesNotContain("fixed:")
			.endsWith("\n[tempguard]   report: /build/target/tempguard/index.html");
	}

	@Test
	void countsAllowedKnownAndNewLeaksFixedEntriesAndTheLeftoversLeft() {
		RunReport everything = ReportFixtures.forkReport(ReportFixtures.everything(), 1, 100L, "2026-01-05T10:00:00Z");

		String summary = ConsoleSummary.render(everything, "x");

		assertThat(summary)
			.contains("verdict: 4 leaks in 2 tests (1 undeletable, 1 untracked, 1 late, 1 ambiguous):"
					+ " 2 new, 1 allowed, 1 known;")
			.contains("\n[tempguard]       2  UploadTests > rendersAReport() (1 known, 1 allowed)  e.g. "
					+ ReportFixtures.LATE + "  (made at com.example.report.Renderer.render(Renderer.java:88))\n")
			.contains("\n[tempguard]   framework leftovers: 2 made while application contexts started, 1 deleted once"
					+ " they close, 1 left by start-up, not deleted\n[tempguard]     " + ReportFixtures.UNKNOWN_LEFTOVER
					+ "  (700 B in 1 file)\n")
			.contains("\n[tempguard]   fixed: 1 baseline entry no longer seen, remove it from the baseline\n"
					+ "[tempguard]     ServiceTests#importsOrders orders-*.csv\n");
	}

	@Test
	void saysNoneWhenNothingLeakedOrWasKept() {
		RunReport clean = new RunReport(1, List.of(), RunReport.Totals.NONE, List.of());

		String summary = ConsoleSummary.render(clean, "somewhere");

		assertThat(summary).contains("verdict: Clean: 0 tests guarded, nothing leaked")
			.contains("leaks by test: none")
			.contains("kept on failure: none")
			.contains("cleaning: 0 ms over 0 contexts\n");
	}

	@Test
	void namesTheTestsWithTheMostLeaksFirstAndCountsTheOthers() {
		List<RunReport.TestEntry> tests = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			List<RunReport.LeakEntry> leaks = new ArrayList<>();
			for (int j = 0; j < i; j++) {
				leaks.add(new RunReport.LeakEntry("/tmp/leak-" + i + "-" + j, "UNDELETABLE", 1, 1, "leak"));
			}
			tests.add(new RunReport.TestEntry(1, "LeakyTests#test" + i + "[1]", "LeakyTests > test" + i + "()",
					"LeakyTests", "method", "passed", i, i, leaks, List.of(), 1));
		}

		String summary = ConsoleSummary.render(new RunReport(1, List.of(), RunReport.Totals.NONE, tests), "x");

		assertThat(summary).contains("leaks by test: 36 paths in 8 tests")
			.contains("[tempguard]       8  LeakyTests > test8()  e.g. /tmp/leak-8-0")
			.contains("[tempguard]       4  LeakyTests > test4()")
			.doesNotContain("LeakyTests > test3()")
			.contains("[tempguard]     ... and 3 more tests (see the report)");
	}

	@Test
	void namesTheTestsWithNewLeaksFirstSayingWhichLeaksAreKnownOrAllowed() {
		List<RunReport.TestEntry> tests = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			List<RunReport.LeakEntry> leaks = new ArrayList<>();
			for (int j = 0; j < 3; j++) {
				leaks.add(leak("/tmp/known-" + i + "-" + j, RunReport.Disposition.known("KnownTests#test" + i)));
			}
			tests.add(test("KnownTests", "test" + i, leaks));
		}
		tests.add(test("ZetaTests", "newLeak", List.of(leak("/tmp/allowed", RunReport.Disposition.allowed("r", null)),
				leak("/tmp/zeta-1.tmp", RunReport.Disposition.NEW))));

		String summary = ConsoleSummary.render(new RunReport(1, List.of(), RunReport.Totals.NONE, tests), "x");

		assertThat(summary).contains("leaks by test: 20 paths in 7 tests")
			.contains("leaks by test: 20 paths in 7 tests (20 undeletable, 0 untracked, 0 late, 0 ambiguous)\n"
					+ "[tempguard]       2  ZetaTests > newLeak() (1 new, 1 allowed)  e.g. /tmp/zeta-1.tmp\n"
					+ "[tempguard]       3  KnownTests > test1() (3 known)  e.g. /tmp/known-1-0\n")
			.contains("[tempguard]     ... and 2 more tests (see the report)");
	}

	private static RunReport.LeakEntry leak(String path, RunReport.Disposition disposition) {
		return new RunReport.LeakEntry(path, "UNDELETABLE", 1, 1, "leak", null, List.of(), "unknown", null,
				disposition);
	}

	private static RunReport.TestEntry test(String testClass, String method, List<RunReport.LeakEntry> leaks) {
		return new RunReport.TestEntry(1, testClass + "#" + method + "[1]", testClass + " > " + method + "()",
				testClass, "method", "failed", 0, 0, leaks, List.of(), 1);
	}

	@Test
	void countsFrameworkLeftoversApartFromLeaksAndListsWhatStartUpLeftWithItsSize() {
		List<RunReport.Leftover> leftovers = List.of(
				leftover("/tmp/tomcat.0.1", 4096, 3, "Tomcat work directory", RunReport.Leftover.Status.DELETE_AT_EXIT),
				leftover("/tmp/startup-cache-1", 1536, 2, null, RunReport.Leftover.Status.LEFT));

		String summary = ConsoleSummary.render(withLeftovers(this.report, leftovers), "x");

		assertThat(summary.lines().findFirst()).as("the tests' leaks only")
			.hasValueSatisfying((line) -> assertThat(line).contains(" 2 leaked,"));
		assertThat(summary).contains("\n[tempguard]   framework leftovers: 2 made while application contexts started,"
				+ " 1 deleted once they close, 1 left by start-up, not deleted\n"
				+ "[tempguard]     /tmp/startup-cache-1  (1.5 KiB in 2 files)\n");
	}

	@Test
	void saysNothingOfFrameworkLeftoversWhenThereAreNone() {
		assertThat(ConsoleSummary.render(withLeftovers(this.report, List.of()), "x"))
			.doesNotContain("framework leftovers:");
	}

	private static RunReport withLeftovers(RunReport report, List<RunReport.Leftover> leftovers) {
		return new RunReport(report.version(), report.forks(), report.totals(),
				RunReport.Findings.of(report.totals(), report.tests(), leftovers, report.fixed()), report.tests(),
				leftovers, report.fixed(), report.history());
	}

	private static RunReport.Leftover leftover(String path, long bytes, long files, String match,
			RunReport.Leftover.Status status) {
		return new RunReport.Leftover(0, path, bytes, files, match, status.json(), null, null);
	}

}
