package dev.tempguard.maven;

import java.io.IOException;
import java.nio.file.Files;
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
 * {@code tempguard:merge}: how it reads its settings and reports errors. What merging
 * does is tested in the core ({@code ReportMergerTests}); real Maven builds run it in the
 * invoker tests ({@code src/it}).
 */
class MergeMojoTests {

	@TempDir
	Path project;

	private final RecordingLog log = new RecordingLog();

	private final MergeMojo mojo = new MergeMojo();

	@BeforeEach
	void writeTwoShards() throws IOException {
		shard("shard-a", 1001);
		shard("shard-b", 2001);
		this.mojo.basedir = this.project.toFile();
		this.mojo.setLog(this.log);
	}

	@Test
	void mergesTheCommaSeparatedInputsRelativeToTheProjectIntoTheDefaultOutput() throws Exception {
		this.mojo.inputs = " shard-a/target/tempguard , shard-b/target/tempguard/report.json,";

		this.mojo.execute();

		Path output = this.project.resolve("target/tempguard-merged");
		assertThat(output.resolve("report.json")).content().contains("\"pid\" : 1001", "\"pid\" : 2001");
		assertThat(output.resolve("index.html")).content().contains("2 forks");
		assertThat(this.log.lines.get(0)).isEqualTo("tempguard merged 2 reports (2 forks) into " + output);
		assertThat(this.log.lines.get(1)).startsWith("[tempguard] 0 tests guarded");
		assertThat(this.log.text()).contains("report: " + output.resolve("index.html") + " (and report.json, 2 forks)");
	}

	@Test
	void writesToTheOutputItIsGiven() throws Exception {
		this.mojo.inputs = "shard-a/target/tempguard,shard-b/target/tempguard";
		this.mojo.output = new java.io.File("merged");

		this.mojo.execute();

		assertThat(this.project.resolve("merged/report.json")).isRegularFile();
		assertThat(this.project.resolve("merged/index.html")).isRegularFile();
	}

	@Test
	void aMissingInputFailsTheBuildNamingItsPath() {
		this.mojo.inputs = "shard-a/target/tempguard,shard-c/target/tempguard";

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith(
					"tempguard.merge.inputs: " + this.project.resolve("shard-c/target/tempguard") + " does not exist");
		assertThat(this.project.resolve("target/tempguard-merged")).doesNotExist();
	}

	@Test
	void aFileThatIsNotAReportFailsTheBuildNamingIt() throws IOException {
		Path pom = Files.writeString(this.project.resolve("pom.xml"), "<project/>");
		this.mojo.inputs = "shard-a/target/tempguard,pom.xml";

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith("tempguard.merge.inputs: " + pom.toRealPath() + " is not a tempguard report (");
	}

	@Test
	void noInputsFailTheBuildSayingWhatToGive() {
		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith("tempguard.merge.inputs is empty; give the report folders");
	}

	private void shard(String name, long pid) throws IOException {
		RunReport.Fork fork = new RunReport.Fork(pid, 100L, name, "2026-01-05T10:00:00Z", "2026-01-05T10:00:30Z");
		new ReportWriter(this.project.resolve(name + "/target/tempguard"))
			.write(RunReport.of(fork, new RunRecorder(), new Counters()));
	}

}
