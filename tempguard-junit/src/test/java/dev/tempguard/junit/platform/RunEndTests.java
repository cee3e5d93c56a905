package dev.tempguard.junit.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of the run, in a test JVM of its own: it comes once, when the outermost test
 * plan ends (a plan a test launches does not end it), with the run directory removed, the
 * summary printed and the report written; and with {@code tempguard.enabled=false}, none
 * of that.
 */
class RunEndTests {

	@TempDir
	Path temp;

	@Test
	void theRunEndsOnceWhenTheOutermostPlanEndsNotWithAPlanATestLaunched() throws Exception {
		Processes.Result run = run();

		String output = run.output();
		assertThat(output.indexOf("INNER PLAN ENDED")).as(output).isNotNegative();
		int summary = output.indexOf("[tempguard] 3 tests guarded");
		assertThat(summary).as("the summary, counting the tests of both plans: %s", output)
			.isGreaterThan(output.indexOf("INNER PLAN ENDED"))
			.isLessThan(output.indexOf("OUTER PLAN ENDED"));
		assertThat(output.split("\\[tempguard\\] \\d+ tests guarded", -1)).as("one summary").hasSize(2);
		assertThat(this.temp.resolve("report").resolve("index.html")).isRegularFile();
		assertThat(entries(this.temp.resolve("root"))).as("no run directory left").isEmpty();
	}

	@Test
	void whenTempguardIsOffTheRunLeavesNothingAndSaysNothing() throws Exception {
		Processes.Result run = run("-Dtempguard.enabled=false");

		assertThat(run.output()).contains("OUTER PLAN ENDED").doesNotContain("[tempguard]");
		assertThat(this.temp.resolve("report")).doesNotExist();
		assertThat(this.temp.resolve("root")).doesNotExist();
	}

	private Processes.Result run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Djava.io.tmpdir=" + Files.createDirectories(this.temp.resolve("tmp")),
						"-Dtempguard.root-dir=" + this.temp.resolve("root"),
						"-Dtempguard.report.dir=" + this.temp.resolve("report")));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), NestedPlansMain.class.getName()));
		Processes.Result result = Processes.run(command, null);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result;
	}

	private static List<Path> entries(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.toList();
		}
	}

}
