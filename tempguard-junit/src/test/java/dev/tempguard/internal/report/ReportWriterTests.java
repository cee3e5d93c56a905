package dev.tempguard.internal.report;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ReportWriterTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void writesTheRecordsTheirLeaksAndKeptPathsAndTheCountersAsJson() throws IOException {
		RunReport report = ReportFixtures.forkReport(ReportFixtures.run(), 4242, 100L, "2026-01-05T10:00:00Z");

		ReportWriter.Written written = new ReportWriter(this.dir).write(report);

		assertThat(written.json()).isEqualTo(this.dir.resolve("report.json"));
		assertThat(written.html()).isEqualTo(this.dir.resolve("index.html")).isRegularFile();
		assertThat(this.dir.resolve("forks/4242-" + report.forks().get(0).startMillis() + ".json")).isRegularFile();
		JsonNode root = json.readTree(Files.readString(written.json()));
		assertThat(root.get("version").asInt()).isEqualTo(RunReport.VERSION);
		JsonNode fork = root.get("forks").get(0);
		assertThat(fork.get("pid").asLong()).isEqualTo(4242);
		assertThat(fork.get("parentPid").asLong()).isEqualTo(100);
		assertThat(fork.get("host").asString()).isEqualTo("build-host");
		assertThat(fork.get("start").asString()).isEqualTo("2026-01-05T10:00:00Z");
		assertThat(fork.get("end").asString()).isEqualTo("2026-01-05T10:00:30Z");
		JsonNode totals = root.get("totals");
		assertThat(totals.get("testsGuarded").asLong()).isEqualTo(4);
		assertThat(totals.get("created").asLong()).isEqualTo(19);
		assertThat(totals.get("leaked").asLong()).isEqualTo(1);
		assertThat(totals.get("untrackedLeaks").asLong()).isEqualTo(1);
		assertThat(totals.get("kept").asLong()).isEqualTo(1);
		JsonNode tests = root.get("tests");
		assertThat(tests).hasSize(6);
		JsonNode failed = find(tests, "#exportsOrders[1]");
		assertThat(failed.get("outcome").asString()).isEqualTo("failed");
		assertThat(failed.get("kind").asString()).isEqualTo("method");
		assertThat(failed.get("testClass").asString()).isEqualTo(ReportFixtures.ServiceTests.class.getName());
		assertThat(failed.get("files").asInt()).isEqualTo(2);
		assertThat(failed.get("bytes").asLong()).isEqualTo(640);
		assertThat(failed.get("kept").get(0).asString()).isEqualTo(ReportFixtures.KEPT.toString());
		assertThat(failed.get("cleanupNanos").asLong()).isEqualTo(1_500_000);
		JsonNode leaking = find(tests, "#uploadsAFile[1]");
		assertThat(leaking.get("fork").asLong()).isEqualTo(4242);
		assertThat(leaking.get("leaks")).hasSize(2);
		assertThat(leaking.get("leaks").get(0).get("path").asString()).isEqualTo(ReportFixtures.LOCKED.toString());
		assertThat(leaking.get("leaks").get(0).get("reason").asString()).isEqualTo("UNDELETABLE");
		assertThat(leaking.get("leaks").get(0).get("bytes").asLong()).isEqualTo(2_048);
		assertThat(leaking.get("leaks").get(0).get("description").asString()).contains("AccessDeniedException");
		assertThat(leaking.get("displayName").asString()).isEqualTo(ReportFixtures.UPLOAD_DISPLAY_NAME);
		JsonNode locked = leaking.get("leaks").get(0);
		assertThat(locked.get("openState").asString()).isEqualTo("OPEN");
		assertThat(locked.get("openedAt").get("frames").get(0).asString()).isEqualTo(ReportFixtures.OPENED_AT);
		assertThat(locked.get("site").isNull()).as("a tracked path's site").isTrue();
		assertThat(locked.get("disposition").get("status").asString()).isEqualTo("new");
		JsonNode untracked = leaking.get("leaks").get(1);
		assertThat(untracked.get("reason").asString()).isEqualTo("UNTRACKED");
		JsonNode site = untracked.get("site");
		assertThat(site.get("known").asBoolean()).isTrue();
		assertThat(site.get("thread").asString()).isEqualTo("main");
		assertThat(site.get("frames").valueStream().map(JsonNode::asString)).containsExactly(ReportFixtures.MADE_AT,
				ReportFixtures.CALLED_FROM);
		// the whole stack, the JDK's and the frameworks' frames too
		assertThat(site.get("stack")).hasSize(4);
		assertThat(site.get("stack").get(0).asString()).isEqualTo("java.nio.file.Files.createTempFile(Files.java:880)");
		assertThat(root.get("findings").get("leaks").asLong()).isEqualTo(2);
		assertThat(root.get("findings").get("clean").asBoolean()).isFalse();
		assertThat(root.get("leftovers")).isEmpty();
		assertThat(root.get("fixed")).isEmpty();
		assertThat(root.get("history")).isEmpty();
		assertThat(find(tests, "$UploadTests").get("kind").asString()).isEqualTo("class");
	}

	@Test
	void mergesTheForkFilesOfTheSameBuildAndIgnoresThoseOfAnotherBuild() throws IOException {
		TempGuardRuntime run = ReportFixtures.run();
		ReportWriter writer = new ReportWriter(this.dir);
		writer.write(ReportFixtures.forkReport(run, 1001, 100L, "2026-01-05T10:00:00Z"));
		writer.write(ReportFixtures.forkReport(run, 3003, 200L, "2026-01-05T09:00:00Z"));
		writer.write(ReportFixtures.forkReport(run, 4004, null, "2026-01-05T10:02:00Z"));

		ReportWriter.Written written = writer.write(ReportFixtures.forkReport(run, 2002, 100L, "2026-01-05T10:01:00Z"));

		assertThat(written.forks()).isEqualTo(3);
		RunReport merged = JsonCodec.read(written.json());
		assertThat(merged.forks()).extracting(RunReport.Fork::pid).containsExactly(1001L, 2002L, 4004L);
		assertThat(merged.tests()).hasSize(18);
		assertThat(merged.tests()).extracting(RunReport.TestEntry::fork).doesNotContain(3003L);
		assertThat(merged.totals().testsGuarded()).isEqualTo(12);
		assertThat(merged.totals().created()).isEqualTo(57);
		assertThat(merged.totals().cleanupNanos()).isEqualTo(3 * run.counters().cleanupNanos());
		assertThat(Files.readString(written.html()))
			.contains("pid <span class=\"pid\">1001</span>", "pid <span class=\"pid\">2002</span>",
					"pid <span class=\"pid\">4004</span>")
			.doesNotContain("<span class=\"pid\">3003</span>")
			.contains("3 forks");
		try (Stream<Path> forks = Files.list(this.dir.resolve("forks"))) {
			assertThat(forks).hasSize(4);
		}
	}

	@Test
	void skipsAForkFileItCannotReadAndLeavesNoTemporaryFileBehind() throws IOException {
		Files.createDirectories(this.dir.resolve("forks"));
		Files.writeString(this.dir.resolve("forks/999-1.json"), "{ not json");

		ReportWriter.Written written = new ReportWriter(this.dir)
			.write(ReportFixtures.forkReport(ReportFixtures.run(), 1001, 100L, "2026-01-05T10:00:00Z"));

		assertThat(written.forks()).isEqualTo(1);
		assertThat(Files.readString(written.json())).contains("\"pid\" : 1001");
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("forks",
					"report.json", "index.html", ".lock");
		}
	}

	@Test
	void writesToTheDirectoryOfTheReportDirPropertyElseUnderTheModulesTarget() {
		String previous = System.getProperty(ReportWriter.DIRECTORY_PROPERTY);
		String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
		try {
			System.clearProperty(ReportWriter.DIRECTORY_PROPERTY);
			assertThat(ReportWriter.defaultDirectory()).isEqualTo(Path.of(basedir, "target", "tempguard"));
			System.setProperty(ReportWriter.DIRECTORY_PROPERTY, this.dir.toString());
			assertThat(ReportWriter.defaultDirectory()).isEqualTo(this.dir);
		}
		finally {
			if (previous != null) {
				System.setProperty(ReportWriter.DIRECTORY_PROPERTY, previous);
			}
			else {
				System.clearProperty(ReportWriter.DIRECTORY_PROPERTY);
			}
		}
	}

	@Test
	void endOfRunWritesTheReportAndSaysWhereInTheSummary() throws IOException {
		TempGuardRuntime run = ReportFixtures.run();

		String summary = RunReports.endOfRun(run.recorder(), run.counters(), this.dir);

		assertThat(summary).startsWith("[tempguard] 4 tests guarded")
			.contains("report: " + this.dir.resolve("index.html").toAbsolutePath() + " (and report.json, 1 fork)");
		RunReport report = JsonCodec.read(this.dir.resolve("report.json"));
		assertThat(report.forks().get(0).pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(report.forks().get(0).parentPid())
			.isEqualTo(RunReports.build(ProcessHandle.current()).map(ProcessHandle::pid).orElse(null));
		assertThat(report.tests()).hasSize(6);
	}

	@Test
	void theBuildOfAForkStartedThroughAShellIsTheShellsParent() throws Exception {
		Process shell = new ProcessBuilder("/bin/sh", "-c", "sleep 30; true").start();
		try {
			ProcessHandle child = shell.toHandle();
			ProcessHandle.Info info = child.info();
			org.junit.jupiter.api.Assumptions.assumeTrue(info.command().orElse("").endsWith("sh"),
					"the shell's command: " + info.command());

			assertThat(RunReports.build(child).map(ProcessHandle::pid)).hasValue(ProcessHandle.current().pid());
		}
		finally {
			shell.destroyForcibly().waitFor();
		}
	}

	@Test
	void endOfRunWarnsAndStillSummarisesWhenTheReportCannotBeWritten() throws IOException {
		Path file = Files.writeString(this.dir.resolve("not-a-directory"), "");
		TempGuardRuntime run = ReportFixtures.run();

		String summary = RunReports.endOfRun(run.recorder(), run.counters(), file);

		assertThat(summary).startsWith("[tempguard] 4 tests guarded").contains("report: not written (");
	}

	@Test
	void withoutJacksonOnTheClassPathTheSummarySaysSoAndNothingIsWritten() throws Exception {
		URL[] withoutJackson = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains("jackson"))
			.map(ReportWriterTests::url)
			.toArray(URL[]::new);
		try (URLClassLoader loader = new URLClassLoader(withoutJackson, ClassLoader.getPlatformClassLoader())) {
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass(ReportWriter.JACKSON));
			Object recorder = loader.loadClass(RunRecorder.class.getName()).getConstructor().newInstance();
			Class<?> countersType = loader.loadClass(Counters.class.getName());
			Object counters = countersType.getConstructor().newInstance();
			countersType.getMethod("cleaning", boolean.class, long.class).invoke(counters, true, 1_000_000L);
			Method endOfRun = loader.loadClass(RunReports.class.getName())
				.getDeclaredMethod("endOfRun", recorder.getClass(), countersType, Path.class);
			endOfRun.setAccessible(true);

			String summary = (String) endOfRun.invoke(null, recorder, counters, this.dir);

			assertThat(summary).startsWith("[tempguard] 1 tests guarded")
				.endsWith("report: not written (Jackson is not on the test class path)");
		}
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).isEmpty();
		}
	}

	private static URL url(String entry) {
		try {
			return Path.of(entry).toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode find(JsonNode tests, String contextPart) {
		List<JsonNode> found = tests.valueStream()
			.filter((test) -> test.get("context").asString().endsWith(contextPart))
			.toList();
		assertThat(found).hasSize(1);
		return found.get(0);
	}

}
