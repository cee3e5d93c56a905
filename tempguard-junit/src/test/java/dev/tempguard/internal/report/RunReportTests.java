package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report model: what its findings count, what merging keeps, and reading a version 1
 * file.
 */
class RunReportTests {

	@TempDir
	Path dir;

	@Test
	void findingsCountLeaksByReasonAndByDispositionAndAnAmbiguousPathOnce() {
		RunReport report = ReportFixtures.forkReport(ReportFixtures.everything(), 1, 100L, "2026-01-05T10:00:00Z");
		RunReport.TestEntry other = new RunReport.TestEntry(1, "OtherTests#test[1]", "", "OtherTests", "method",
				"passed", 0, 0,
				List.of(new RunReport.LeakEntry(ReportFixtures.AMBIGUOUS.toString(), "AMBIGUOUS", 10, 1, "same path")),
				List.of(), 1);
		List<RunReport.TestEntry> tests = new java.util.ArrayList<>(report.tests());
		tests.add(other);

		RunReport.Findings findings = new RunReport(2, report.forks(), report.totals(), null, tests, report.leftovers(),
				report.fixed(), List.of())
			.findings();

		assertThat(findings).isEqualTo(new RunReport.Findings(false, 4, 3, 1, 1, 1, 1, 2, 1, 1, 1, 2, 1));
	}

	@Test
	void aRunWithNothingLeftIsCleanAndAKeptPathOrALeftoverLeftIsNot() {
		RunReport clean = ReportFixtures.cleanSuite(10);
		assertThat(clean.findings().clean()).isTrue();

		RunReport.Leftover left = new RunReport.Leftover(1, "/tmp/x", 1, 1, "", "left", "", "");
		RunReport.Leftover deleted = new RunReport.Leftover(1, "/tmp/tomcat.0", 1, 1, "Tomcat", "deleted", "", "");
		assertThat(new RunReport(2, clean.forks(), clean.totals(), null, clean.tests(), List.of(deleted), List.of(),
				List.of())
			.findings()
			.clean()).isTrue();
		assertThat(new RunReport(2, clean.forks(), clean.totals(), null, clean.tests(), List.of(left), List.of(),
				List.of())
			.findings()
			.clean()).isFalse();
		RunReport.Totals kept = new RunReport.Totals(10, 0, 0, 0, 0, 0, 0, 1, 0, 0);
		assertThat(new RunReport(2, clean.forks(), kept, clean.tests()).findings().clean()).isFalse();
	}

	@Test
	void mergingKeepsABaselineEntryFixedOnlyWhenNoForkSawItsLeak() {
		RunReport sawIt = ReportFixtures.forkReport(ReportFixtures.everything(), 1, 100L, "2026-01-05T10:00:00Z");
		RunReport.Fixed known = new RunReport.Fixed("UploadTests#rendersAReport shared-cache-*.tmp",
				"UploadTests#rendersAReport", "");
		RunReport.Fixed reallyFixed = new RunReport.Fixed("A#b x-*.tmp", "A#b", "");
		RunReport didNot = new RunReport(2, List.of(new RunReport.Fork(2, 100L, "h", "s", "e")), RunReport.Totals.NONE,
				null, List.of(), List.of(), List.of(known, reallyFixed), List.of());

		RunReport merged = RunReport.merge(List.of(sawIt, didNot));

		assertThat(merged.fixed()).extracting(RunReport.Fixed::key)
			.containsExactly("ServiceTests#importsOrders orders-*.csv", "A#b x-*.tmp");
		assertThat(merged.findings().fixed()).isEqualTo(2);
		assertThat(merged.leftovers()).hasSize(2);
		assertThat(merged.findings().leaks()).isEqualTo(4);
	}

	@Test
	void mergingAddsUpTheHistoryEntriesOfOneBuildAndKeepsTheOthers() {
		RunReport.Build earlier = build("host/1@a", "2026-01-04T10:00:00Z", 1, 100);
		RunReport.Build moduleA = build("host/2@b", "2026-01-05T10:00:00Z", 2, 10);
		RunReport.Build moduleB = build("host/2@b", "2026-01-05T10:03:00Z", 1, 5);
		RunReport a = ReportFixtures.cleanSuite(1).withHistory(List.of(earlier, moduleA));
		RunReport b = ReportFixtures.cleanSuite(1).withHistory(List.of(earlier, moduleB));

		List<RunReport.Build> history = RunReport.merge(List.of(a, b)).history();

		assertThat(history).containsExactly(earlier,
				new RunReport.Build("host/2@b", "2026-01-05T10:03:00Z", 20, 3, 3, 15, 2_000_000, 0, 0, 0));
	}

	@Test
	void theHistoryKeepsOneEntryPerBuildAndTheLastOnes() {
		List<RunReport.Build> history = List.of();
		for (int i = 1; i <= 5; i++) {
			history = RunReport.Build.upsert(history, build("host/" + i + "@x", "2026-01-0" + i + "T10:00:00Z", i, i),
					3);
		}
		history = RunReport.Build.upsert(history, build("host/5@x", "2026-01-05T10:05:00Z", 9, 9), 3);

		assertThat(history).extracting(RunReport.Build::build).containsExactly("host/3@x", "host/4@x", "host/5@x");
		assertThat(history.get(2).leaks()).isEqualTo(9);
	}

	@Test
	void forksOfTheSameParentAreOneBuildUnlessTheParentStartedAtAnotherTime() {
		RunReport.Fork fork = new RunReport.Fork(1, 100L, "h", "s", "e", "2026-01-05T09:00:00Z");

		assertThat(fork.sameBuild(new RunReport.Fork(2, 100L, "h", "s", "e", "2026-01-05T09:00:00Z"))).isTrue();
		assertThat(fork.sameBuild(new RunReport.Fork(2, 100L, "h", "s", "e", null))).isTrue();
		assertThat(fork.sameBuild(new RunReport.Fork(2, null, "h", "s", "e", null))).isTrue();
		assertThat(fork.sameBuild(new RunReport.Fork(2, 100L, "h", "s", "e", "2026-01-06T09:00:00Z"))).isFalse();
		assertThat(fork.sameBuild(new RunReport.Fork(2, 200L, "h", "s", "e", "2026-01-05T09:00:00Z"))).isFalse();
		assertThat(fork.build()).isEqualTo("h/100@2026-01-05T09:00:00Z");
	}

	@Test
	void aVersionOneReportReadsWithTheAddedFieldsEmpty() throws IOException {
		Path file = Files.writeString(this.dir.resolve("report.json"), """
				{ "version" : 1,
				  "forks" : [ { "pid" : 11, "parentPid" : 10, "host" : "ci", "start" : "2026-01-05T10:00:00Z",
				                "end" : "2026-01-05T10:00:30Z" } ],
				  "totals" : { "testsGuarded" : 1, "created" : 1, "createdFiles" : 1, "createdDirectories" : 0,
				               "deleted" : 0, "leaked" : 0, "untrackedLeaks" : 1, "kept" : 0, "cleanupFailures" : 0,
				               "cleanupNanos" : 5 },
				  "tests" : [ { "fork" : 11, "context" : "a.BTests#c[1]", "testClass" : "a.BTests", "kind" : "method",
				                "outcome" : "passed", "files" : 1, "bytes" : 4,
				                "leaks" : [ { "path" : "/tmp/x", "reason" : "UNTRACKED", "bytes" : 4, "files" : 1,
				                              "description" : "/tmp/x (4 bytes; ...)" } ],
				                "kept" : [ ], "cleanupNanos" : 5 } ] }
				""");

		RunReport report = JsonCodec.read(file);

		assertThat(report.forks().get(0).parentStart()).isNull();
		RunReport.TestEntry test = report.tests().get(0);
		assertThat(test.displayName()).isEqualTo("a.BTests#c[1]");
		RunReport.LeakEntry leak = test.leaks().get(0);
		assertThat(leak.site()).isNull();
		assertThat(leak.candidates()).isEmpty();
		assertThat(leak.openState()).isEqualTo("UNKNOWN");
		assertThat(leak.disposition()).isEqualTo(RunReport.Disposition.NEW);
		assertThat(report.leftovers()).isEmpty();
		assertThat(report.fixed()).isEmpty();
		assertThat(report.history()).isEmpty();
		assertThat(report.findings().leaks()).isEqualTo(1);
		assertThat(report.findings().untracked()).isEqualTo(1);
	}

	@Test
	void aReportWrittenAndReadBackIsTheSame() throws IOException {
		RunReport report = ReportFixtures.forkReport(ReportFixtures.everything(), 1, 100L, "2026-01-05T10:00:00Z")
			.withHistory(List.of(build("host/1@a", "2026-01-04T10:00:00Z", 1, 1)));

		Path file = Files.writeString(this.dir.resolve("report.json"), JsonCodec.write(report));

		assertThat(JsonCodec.read(file)).isEqualTo(report);
	}

	private static RunReport.Build build(String build, String end, long leaks, long files) {
		return new RunReport.Build(build, end, 10, leaks, leaks, files, 1_000_000, 0, 0, 0);
	}

}
