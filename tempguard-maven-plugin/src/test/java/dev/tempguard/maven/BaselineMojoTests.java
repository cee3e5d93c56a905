package dev.tempguard.maven;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code tempguard:baseline}: how it reads its settings and reports errors. What writing
 * a baseline does is tested in the core ({@code BaselineUpdateTests}); a real Maven build
 * runs the whole workflow in the invoker tests ({@code src/it/baseline-ratchet}).
 */
class BaselineMojoTests {

	@TempDir
	Path project;

	private final RecordingLog log = new RecordingLog();

	private final BaselineMojo mojo = new BaselineMojo();

	@BeforeEach
	void configure() {
		this.mojo.basedir = this.project.toFile();
		this.mojo.buildDirectory = this.project.resolve("target").toFile();
		this.mojo.setLog(this.log);
	}

	@Test
	void writesTheBaselineRelativeToTheProjectFromItsBuildsReport() throws Exception {
		report(this.project.resolve("target/tempguard"));
		this.mojo.baseline = "src/test/tempguard-baseline.json";

		this.mojo.execute();

		Path baseline = this.project.resolve("src/test/tempguard-baseline.json");
		assertThat(baseline).content().startsWith("{\n  \"version\" : 1,\n");
		assertThat(this.log.lines).containsExactly("tempguard wrote the baseline " + baseline + " from "
				+ this.project.resolve("target/tempguard/report.json") + ": 0 entries (0 added, 0 removed: no longer"
				+ " seen)");
	}

	@Test
	void writesFromTheReportItIsGiven() throws Exception {
		report(this.project.resolve("reports/ci"));
		this.mojo.baseline = "baseline.json";
		this.mojo.report = "reports/ci";

		this.mojo.execute();

		assertThat(this.project.resolve("baseline.json")).isRegularFile();
	}

	@Test
	void withoutABaselineFileTheBuildFailsSayingWhatToSet() {
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith("tempguard.baseline is not set; give the baseline file to write");
	}

	@Test
	void withoutAReportTheBuildFailsNamingWhereItLooked() {
		this.mojo.baseline = "baseline.json";

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith("tempguard.baseline.report=" + this.project.resolve("target/tempguard/report.json")
					+ " does not exist; run the tests first");
		assertThat(this.project.resolve("baseline.json")).doesNotExist();
	}

	@Test
	void aPomModuleIsSkipped() throws Exception {
		this.mojo.baseline = "baseline.json";
		this.mojo.packaging = "pom";

		this.mojo.execute();

		assertThat(this.log.lines).containsExactly("tempguard:baseline skips this pom module: it runs no tests");
		assertThat(this.project.resolve("baseline.json")).doesNotExist();
	}

	private static void report(Path directory) throws IOException {
		RunReport.Fork fork = new RunReport.Fork(42, 1L, "ci", "2026-01-05T10:00:00Z", "2026-01-05T10:00:30Z");
		new ReportWriter(directory).write(RunReport.of(fork, new RunRecorder(), new Counters()));
		assertThat(directory.resolve("report.json")).isRegularFile();
	}

}
