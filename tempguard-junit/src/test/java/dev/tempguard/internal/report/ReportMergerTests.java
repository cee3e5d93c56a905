package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Merging the reports of several shards into one, and what is refused.
 */
class ReportMergerTests {

	@TempDir
	Path dir;

	private TempGuardRuntime run;

	private Path shardA;

	private Path shardB;

	@BeforeEach
	void writeTwoShards() throws IOException {
		this.run = ReportFixtures.run();
		// two machines of a CI matrix, each a build of two forks
		this.shardA = this.dir.resolve("shard-a/target/tempguard");
		ReportWriter a = new ReportWriter(this.shardA);
		a.write(ReportFixtures.forkReport(this.run, 1001, 100L, "2026-01-05T10:00:00Z"));
		a.write(ReportFixtures.forkReport(this.run, 1002, 100L, "2026-01-05T10:01:00Z"));
		this.shardB = this.dir.resolve("shard-b/target/tempguard");
		new ReportWriter(this.shardB).write(ReportFixtures.forkReport(this.run, 2001, 200L, "2026-01-05T10:00:00Z"));
	}

	@Test
	void theReportsOfSeveralShardsAreMergedIntoOneReportAndPage() throws IOException {
		Path output = this.dir.resolve("merged");

		ReportMerger.Merged merged = ReportMerger.merge(List.of(this.shardA, this.shardB.resolve("report.json")),
				output);

		assertThat(merged.inputs()).isEqualTo(2);
		assertThat(merged.json()).isEqualTo(output.resolve("report.json"));
		RunReport report = JsonCodec.read(merged.json());
		assertThat(report.forks()).extracting(RunReport.Fork::pid).containsExactly(1001L, 1002L, 2001L);
		assertThat(report.tests()).hasSize(3 * 6);
		assertThat(report.totals().testsGuarded()).isEqualTo(3 * this.run.counters().testsCleaned());
		assertThat(report.totals().leaked()).isEqualTo(3 * this.run.counters().leaked());
		assertThat(Files.readString(merged.html())).contains("3 forks", "<span class=\"pid\">1001</span>",
				"<span class=\"pid\">2001</span>");
	}

	@Test
	void anInputGivenTwiceAsAFolderAndAsItsReportIsMergedOnce() throws IOException {
		ReportMerger.Merged merged = ReportMerger
			.merge(List.of(this.shardA, this.shardA.resolve("report.json"), this.shardB), this.dir.resolve("merged"));

		assertThat(merged.inputs()).isEqualTo(2);
		assertThat(merged.report().forks()).hasSize(3);
	}

	@Test
	void aMissingInputIsRefusedNamingItsPath() {
		Path missing = this.dir.resolve("shard-c/target/tempguard");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportMerger.merge(List.of(this.shardA, missing), this.dir.resolve("merged")))
			.withMessage("tempguard.merge.inputs: " + missing
					+ " does not exist; give the report folders (a build's target/tempguard) or report.json files to"
					+ " merge");
		assertThat(this.dir.resolve("merged")).doesNotExist();
	}

	@Test
	void aFolderWithoutAReportIsRefusedNamingIt() throws IOException {
		Path empty = Files.createDirectories(this.dir.resolve("shard-c"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportMerger.merge(List.of(empty), this.dir.resolve("merged")))
			.withMessageStartingWith("tempguard.merge.inputs: the folder " + empty + " holds no report.json");
	}

	@Test
	void aFileThatIsNotATempguardReportIsRefusedNamingIt() throws IOException {
		for (String content : List.of("<html></html>", "{ \"name\" : \"my-app\" }", "[]",
				"{ \"version\" : 2, \"forks\" : [ ], \"tests\" : [ ] }")) {
			Path file = Files.writeString(this.dir.resolve("report.json"), content);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> ReportMerger.merge(List.of(this.shardA, file), this.dir.resolve("merged")))
				.as(content)
				.withMessageStartingWith(
						"tempguard.merge.inputs: " + file.toRealPath() + " is not a tempguard report (")
				.withMessageEndingWith("); give the report.json a test run wrote");
		}
	}

	@Test
	void aReportOfAnotherFormatVersionIsRefusedNamingBothVersionsWhateverItsShape() throws IOException {
		Path file = this.shardB.resolve("report.json");
		String current = Files.readString(file);
		for (String content : List.of(current.replaceFirst("\"version\" : \\d+,", "\"version\" : 99,"),
				"{ \"version\" : 99, \"builds\" : [ { \"id\" : \"b-1\" } ] }")) {
			Files.writeString(file, content);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> ReportMerger.merge(List.of(this.shardA, file), this.dir.resolve("merged")))
				.withMessage("tempguard.merge.inputs: " + file.toRealPath()
						+ " is a tempguard report of format version 99, and this tempguard reads versions 1 to "
						+ RunReport.VERSION + "; merge it with the tempguard version that wrote it, or write the"
						+ " reports again with one version");
		}
	}

	@Test
	void aMergedReportAndOneOfItsPartsAreRefusedRatherThanCountedTwice() throws IOException {
		Path merged = ReportMerger.merge(List.of(this.shardA, this.shardB), this.dir.resolve("merged")).json();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportMerger.merge(List.of(merged, this.shardB), this.dir.resolve("again")))
			.withMessageContaining("the fork 2001 on build-host started 2026-01-05T10:00:00Z is in both")
			.withMessageEndingWith("give each report once");
	}

	@Test
	void anOutputFolderThatHoldsAnInputIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportMerger.merge(List.of(this.shardA, this.shardB), this.shardB))
			.withMessageStartingWith("tempguard.merge.output=" + this.shardB + " holds the input");
	}

	@Test
	void noInputIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReportMerger.merge(List.of(), this.dir))
			.withMessageStartingWith("tempguard.merge.inputs is empty");
	}

}
