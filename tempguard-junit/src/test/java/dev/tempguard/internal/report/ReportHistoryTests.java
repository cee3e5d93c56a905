package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.ReportHistorySettings;
import dev.tempguard.internal.settings.ReportSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report keeps the totals of the last builds in the history folder, one entry per
 * build however many forks it has, and draws them on the next build's page.
 */
class ReportHistoryTests {

	@TempDir
	Path dir;

	@Test
	void withoutAHistoryFolderThereIsNoHistoryAndNoChart() throws IOException {
		ReportWriter.Written written = new ReportWriter(this.dir.resolve("report"))
			.write(ReportFixtures.forkReport(ReportFixtures.run(), 1, 100L, "2026-01-05T10:00:00Z"));

		assertThat(JsonCodec.read(written.json()).history()).isEmpty();
		assertThat(Files.readString(written.html())).doesNotContain("id=\"trend\"");
	}

	@Test
	void eachBuildAddsItsTotalsAndTheNextReportDrawsThem() throws IOException {
		ReportHistorySettings history = new ReportHistorySettings(this.dir.resolve("history"), 20);
		TempGuardRuntime run = ReportFixtures.run();

		ReportWriter.Written first = new ReportWriter(this.dir.resolve("build-1"), history)
			.write(ReportFixtures.forkReport(run, 1001, 100L, "2026-01-05T10:00:00Z"));
		ReportWriter.Written second = new ReportWriter(this.dir.resolve("build-2"), history)
			.write(ReportFixtures.forkReport(run, 2001, 200L, "2026-01-06T10:00:00Z"));

		assertThat(JsonCodec.read(first.json()).history()).hasSize(1);
		assertThat(Files.readString(first.html())).as("one build is no trend").doesNotContain("id=\"trend\"");
		RunReport report = JsonCodec.read(second.json());
		assertThat(report.history()).extracting(RunReport.Build::build)
			.containsExactly("build-host/100@", "build-host/200@");
		RunReport.Build last = report.history().get(1);
		assertThat(last.end()).isEqualTo("2026-01-06T10:00:30Z");
		assertThat(last.tests()).isEqualTo(4);
		assertThat(last.leaks()).isEqualTo(2);
		assertThat(last.files()).isEqualTo(19);
		assertThat(last.cleanupNanos()).isEqualTo(run.counters().cleanupNanos());
		assertThat(Files.readString(second.html())).contains("<h2>Last 2 builds</h2>\n<svg id=\"trend\"");
		assertThat(JsonCodec.readHistory(this.dir.resolve("history").resolve(ReportHistory.FILE)).builds())
			.isEqualTo(report.history());
	}

	@Test
	void theForksOfOneBuildUpdateOneEntry() throws IOException {
		ReportHistorySettings history = new ReportHistorySettings(this.dir.resolve("history"), 20);
		ReportWriter writer = new ReportWriter(this.dir.resolve("report"), history);
		TempGuardRuntime run = ReportFixtures.run();

		writer.write(ReportFixtures.forkReport(run, 1001, 100L, "2026-01-05T10:00:00Z"));
		ReportWriter.Written written = writer.write(ReportFixtures.forkReport(run, 1002, 100L, "2026-01-05T10:01:00Z"));

		assertThat(JsonCodec.read(written.json()).history()).singleElement()
			.satisfies((build) -> assertThat(build.tests()).isEqualTo(8))
			.satisfies((build) -> assertThat(build.end()).isEqualTo("2026-01-05T10:01:30Z"));
	}

	@Test
	void keepsTheLastBuildsOfTheHistorySize() throws IOException {
		ReportHistorySettings history = new ReportHistorySettings(this.dir.resolve("history"), 3);
		TempGuardRuntime run = ReportFixtures.run();
		ReportWriter.Written written = null;
		for (int i = 1; i <= 5; i++) {
			written = new ReportWriter(this.dir.resolve("build-" + i), history)
				.write(ReportFixtures.forkReport(run, i, (long) i, "2026-01-0" + i + "T10:00:00Z"));
		}

		assertThat(JsonCodec.read(written.json()).history()).extracting(RunReport.Build::build)
			.containsExactly("build-host/3@", "build-host/4@", "build-host/5@");
	}

	@Test
	void anUnreadableHistoryIsMovedAsideAndANewOneStarted() throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve("history"));
		Files.writeString(folder.resolve(ReportHistory.FILE), "{ not json");

		ReportWriter.Written written = new ReportWriter(this.dir.resolve("report"),
				new ReportHistorySettings(folder, 20))
			.write(ReportFixtures.forkReport(ReportFixtures.run(), 1, 100L, "2026-01-05T10:00:00Z"));

		assertThat(JsonCodec.read(written.json()).history()).hasSize(1);
		assertThat(folder.resolve(ReportHistory.FILE + ".unreadable")).hasContent("{ not json");
	}

	@Test
	void aHistoryFolderThatCannotBeWrittenLeavesTheReportWithoutHistory() throws IOException {
		Path file = Files.writeString(this.dir.resolve("not-a-folder"), "");

		ReportWriter.Written written = new ReportWriter(this.dir.resolve("report"), new ReportHistorySettings(file, 20))
			.write(ReportFixtures.forkReport(ReportFixtures.run(), 1, 100L, "2026-01-05T10:00:00Z"));

		assertThat(JsonCodec.read(written.json()).history()).isEmpty();
		try (Stream<Path> files = Files.list(this.dir.resolve("report"))) {
			assertThat(files.map((path) -> path.getFileName().toString())).contains("report.json", "index.html");
		}
	}

	@Test
	void endOfRunKeepsTheHistoryInTheFolderTheRecorderWasGiven() throws IOException {
		TempGuardRuntime run = ReportFixtures.run();
		run.recorder().report(new ReportSettings(null, null, null, this.dir.resolve("history"), 20));

		RunReports.endOfRun(run.recorder(), run.counters(), this.dir.resolve("report"));

		assertThat(JsonCodec.readHistory(this.dir.resolve("history").resolve(ReportHistory.FILE)).builds()).hasSize(1);
	}

}
