package dev.tempguard.internal.disposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.tempguard.internal.report.RunReport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BaselineUpdate}: a baseline written from a report, and updated from a
 * later one: what is new comes in, what is fixed goes, the rest stays with its notes.
 */
class BaselineUpdateTests {

	private static final RunReport.Site CSV = new RunReport.Site(true, "", "main",
			List.of("shop.Csv.write(Csv.java:3)"), List.of("shop.Csv.write(Csv.java:3)"));

	@TempDir
	Path temp;

	@Test
	void aBaselineIsWrittenFromTheLeaksOfAReportButTheAllowedOnes() throws IOException {
		Path report = report(List.of(
				test("shop.A#a[1]", leak("/tmp/a-123.csv", CSV, RunReport.Disposition.NEW),
						leak("/tmp/a-456.csv", CSV, RunReport.Disposition.NEW)),
				test("shop.B#b[1]", leak("/tmp/b-98765.tmp", null, RunReport.Disposition.NEW),
						leak("/tmp/fonts-1.ttf", null, RunReport.Disposition.allowed("fonts", "GH-1")))),
				List.of());
		Path baseline = this.temp.resolve("src/test/tempguard-baseline.json");

		BaselineUpdate.Result result = BaselineUpdate.update(report, baseline);

		assertThat(result.entries()).isEqualTo(2);
		assertThat(result.added()).containsExactly("shop.A#a[1] site=shop.Csv.write", "shop.B#b[1] name=b-*.tmp");
		assertThat(result.removed()).isEmpty();
		assertThat(Files.readString(baseline)).isEqualTo("""
				{
				  "version" : 1,
				  "entries" : [
				    { "test" : "shop.A#a[1]", "site" : "shop.Csv.write" },
				    { "test" : "shop.B#b[1]", "name" : "b-*.tmp" }
				  ]
				}
				""");
	}

	@Test
	void anUpdateRemovesTheFixedEntriesAddsTheNewLeaksAndKeepsTheRestWithTheirNotes() throws IOException {
		Path baseline = Files.writeString(this.temp.resolve("baseline.json"), """
				{
				  "version" : 1,
				  "entries" : [
				    { "test" : "shop.A#a[1]", "site" : "shop.Csv.write", "note" : "GH-7" },
				    { "test" : "shop.B#b[1]", "name" : "b-*.tmp" },
				    { "test" : "shop.C#c[1]", "name" : "c-*" }
				  ]
				}
				""");
		Path report = report(
				List.of(test("shop.A#a[1]",
						leak("/tmp/a-1.csv", CSV, RunReport.Disposition.known("shop.A#a[1] site=shop.Csv.write"))),
						test("shop.D#d[1]", leak("/tmp/d-22.log", null, RunReport.Disposition.NEW))),
				List.of(new RunReport.Fixed("shop.B#b[1] name=b-*.tmp", "shop.B#b[1]", "a leak named b-*.tmp")));

		BaselineUpdate.Result result = BaselineUpdate.update(report.getParent(), baseline);

		assertThat(result.added()).containsExactly("shop.D#d[1] name=d-*.log");
		assertThat(result.removed()).containsExactly("shop.B#b[1] name=b-*.tmp");
		assertThat(Files.readString(baseline)).isEqualTo("""
				{
				  "version" : 1,
				  "entries" : [
				    { "test" : "shop.A#a[1]", "site" : "shop.Csv.write", "note" : "GH-7" },
				    { "test" : "shop.C#c[1]", "name" : "c-*" },
				    { "test" : "shop.D#d[1]", "name" : "d-*.log" }
				  ]
				}
				""");
	}

	@Test
	void aBaselineThatCannotBeReadIsNotOverwritten() throws IOException {
		String broken = "{ \"version\" : 1, \"entries\" : [ { \"test\" : \"a\" } ] }";
		Path baseline = Files.writeString(this.temp.resolve("baseline.json"), broken);
		Path report = report(List.of(test("shop.D#d[1]", leak("/tmp/d-22.log", null, RunReport.Disposition.NEW))),
				List.of());

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineUpdate.update(report, baseline))
			.withMessageStartingWith("tempguard.baseline=" + baseline + ", line 1: entry 1 has neither");
		assertThat(Files.readString(baseline)).isEqualTo(broken);
	}

	@Test
	void aMissingReportIsRefusedSayingToRunTheTestsFirst() {
		Path report = this.temp.resolve("target/tempguard/report.json");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> BaselineUpdate.update(report, this.temp.resolve("baseline.json")))
			.withMessageStartingWith("tempguard.baseline.report=" + report + " does not exist; run the tests first");
	}

	@Test
	void aFileThatIsNotAReportIsRefusedNamingTheSetting() throws IOException {
		Path report = Files.writeString(this.temp.resolve("report.json"), "{ \"version\" : 1, \"entries\" : [ ] }");

		assertThatIllegalArgumentException()
			.isThrownBy(() -> BaselineUpdate.update(report, this.temp.resolve("baseline.json")))
			.withMessageStartingWith("tempguard.baseline.report: " + report + " is not a tempguard report");
	}

	private Path report(List<RunReport.TestEntry> tests, List<RunReport.Fixed> fixed) throws IOException {
		RunReport.Totals totals = new RunReport.Totals(tests.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
		RunReport.Fork fork = new RunReport.Fork(1, null, "ci", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z");
		RunReport report = new RunReport(RunReport.VERSION, List.of(fork), totals, null, tests, List.of(), fixed,
				List.of());
		Path file = this.temp.resolve("target/tempguard/report.json");
		Files.createDirectories(file.getParent());
		return Files.writeString(file, JsonMapper.builder().build().writeValueAsString(report));
	}

	private static RunReport.TestEntry test(String context, RunReport.LeakEntry... leaks) {
		return new RunReport.TestEntry(1, context, context, context.substring(0, context.indexOf('#')), "method",
				"passed", 0, 0, List.of(leaks), List.of(), 0);
	}

	private static RunReport.LeakEntry leak(String path, RunReport.Site site, RunReport.Disposition disposition) {
		return new RunReport.LeakEntry(path, "UNTRACKED", 1, 1, path, site, List.of(), "UNKNOWN", null, disposition);
	}

}
