package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.integration.FixtureApplication.LeakyService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files that code under test leaves in the watched directory ({@code java.io.tmpdir} by
 * default, here this module's {@code target/tmp}) without the registry: reported against
 * the test that made them, and nothing that its owner cleans up itself.
 */
class UntrackedLeakIntegrationTests {

	private static final String[] PARALLEL = { "junit.jupiter.execution.parallel.enabled=true",
			"junit.jupiter.execution.parallel.mode.default=concurrent",
			"junit.jupiter.execution.parallel.config.strategy=fixed",
			"junit.jupiter.execution.parallel.config.fixed.parallelism=2" };

	@AfterEach
	void deleteWhatTheFixturesLeaked() throws IOException {
		for (Path path : FixtureRuns.created.values().stream().flatMap(List::stream).toList()) {
			if (Files.isDirectory(path)) {
				try (var children = Files.list(path)) {
					for (Path child : children.toList()) {
						Files.delete(child);
					}
				}
			}
			Files.deleteIfExists(path);
		}
	}

	@Test
	void aServiceThatCreatesATempFileWithoutDeletingItFailsTheTestThatCalledIt() {
		EngineExecutionResults results = FixtureRuns.run(LeakingTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		Path leaked = FixtureRuns.paths("export").get(0);
		TempFileLeakError error = (TempFileLeakError) FixtureRuns.failureOf(results, "callsTheLeakyExport");
		assertThat(error).hasMessageContaining(LeakingTests.class.getName() + "#callsTheLeakyExport[")
			.hasMessageContaining(leaked.toString())
			.hasMessageContaining("created during the test without the registry");
		assertThat(error.leaks()).singleElement().satisfies((leak) -> {
			assertThat(leak.path()).isEqualTo(leaked);
			assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
		});
		assertThat(leaked).as("reported, not deleted, by default").exists();
	}

	@Test
	void aLeakedDirectoryIsReportedWithItsTotalSizeAndFileCount() {
		EngineExecutionResults directoryResults = FixtureRuns.run(LeakingDirectoryTests.class);
		TempFileLeakError directoryError = (TempFileLeakError) FixtureRuns.failureOf(directoryResults,
				"leaksADirectory");
		assertThat(directoryError.leaks()).singleElement().satisfies((leak) -> {
			assertThat(leak.bytes()).isEqualTo(8);
			assertThat(leak.files()).isEqualTo(2);
		});
		assertThat(directoryError).hasMessageContaining("8 bytes in 2 files");
	}

	@Test
	void aLeakInBeforeAllFailsTheClassWithTheClassAsContext() {
		EngineExecutionResults results = FixtureRuns.run(LeakingBeforeAllTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		Throwable classFailure = FixtureRuns.classFailureOf(results);
		assertThat(classFailure).isInstanceOf(TempFileLeakError.class)
			.hasMessageStartingWith("tempguard: " + LeakingBeforeAllTests.class.getName() + " leaked 1")
			.hasMessageContaining(FixtureRuns.paths("beforeAll").get(0).toString());
	}

	@Test
	void deleteUntrackedDeletesALeakOnceReported() {
		EngineExecutionResults results = FixtureRuns.run(DeletingLeakingTests.class);

		assertThat(FixtureRuns.failureOf(results, "callsTheLeakyExport")).isInstanceOf(TempFileLeakError.class);
		assertThat(FixtureRuns.paths("export")).singleElement().satisfies((path) -> assertThat(path).doesNotExist());
	}

	@Test
	void ignorePatternsHideMatchingEntries() {
		EngineExecutionResults results = FixtureRuns.run(IgnoringTests.class);

		Path cache = FixtureRuns.paths("cache").get(0);
		Path control = FixtureRuns.paths("control").get(0);
		TempFileLeakError error = (TempFileLeakError) FixtureRuns.failureOf(results, "leavesACacheFile");
		assertThat(error.leaks()).as("the entry not ignored, made beside it, is reported")
			.singleElement()
			.satisfies((leak) -> assertThat(leak.path()).isEqualTo(control));
		assertThat(error).hasMessageNotContaining(cache.toString());
		assertThat(cache).as("left in the watched directory when the test was checked").exists();
	}

	@Test
	void whatItsOwnerCleansUpIsNoLeakTempDirServerThreadsAndFilesDeletedInTheTest() {
		EngineExecutionResults results = FixtureRuns.run(CleanTests.class);

		results.allEvents().assertThatEvents().noneMatch((event) -> FixtureRuns.throwableOf(event) != null);
		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3));
	}

	@Test
	void whenTestsRunInParallelALeakIsPinnedOnTheTestThatMadeIt() {
		EngineExecutionResults results = FixtureRuns.run(ParallelLeakTests.class, PARALLEL);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(FixtureRuns.failureOf(results, "leaks")).isInstanceOf(TempFileLeakError.class)
			.hasMessageStartingWith("tempguard: " + ParallelLeakTests.class.getName() + "#leaks[1] leaked 1")
			.hasMessageContaining(FixtureRuns.paths("export").get(0).toString())
			.hasMessageContaining("made at " + LeakyService.class.getName() + ".export(");
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void whenTestsRunInParallelAnEntryNoAgentCouldSeeIsReportedAgainstBothAndFailsTheirClass() {
		EngineExecutionResults results = FixtureRuns.run(ParallelChildProcessLeakTests.class, PARALLEL);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		Throwable classFailure = FixtureRuns.classFailureOf(results);
		String name = ParallelChildProcessLeakTests.class.getName();
		assertThat(classFailure).isInstanceOf(TempFileLeakError.class)
			.hasMessageStartingWith("tempguard: " + name + " leaked 1")
			.hasMessageContaining(FixtureRuns.paths("touched").get(0).toString())
			.hasMessageContaining("one of ")
			.hasMessageContaining(name + "#touches[1]")
			.hasMessageContaining(name + "#runsAtTheSameTime[1]")
			.hasMessageContaining("creation site unknown");
	}

	@Test
	void aParallelSuiteWithTempDirsAndAServerReportsNoLeakItDidNotHave() {
		EngineExecutionResults results = FixtureRuns.run(List.of(CleanTests.class, ParallelCleanTests.class), PARALLEL);

		results.allEvents().assertThatEvents().noneMatch((event) -> FixtureRuns.throwableOf(event) != null);
		results.testEvents().assertStatistics((stats) -> stats.started(5).succeeded(5));
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class LeakingTests {

		@Autowired
		LeakyService service;

		@Test
		void callsTheLeakyExport() throws IOException {
			FixtureRuns.record("export", this.service.export("orders-"));
		}

		@Test
		void cleansUpAfterItself() throws IOException {
			Files.delete(this.service.export("deleted-"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class LeakingDirectoryTests {

		@Autowired
		LeakyService service;

		@Test
		void leaksADirectory() throws IOException {
			FixtureRuns.record("directory", this.service.workDirectory("work-"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class LeakingBeforeAllTests {

		@BeforeAll
		static void leak(@Autowired LeakyService service) throws IOException {
			FixtureRuns.record("beforeAll", service.export("class-fixture-"));
		}

		@Test
		void passes() {
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true",
					"tempguard.leak-detection.delete-untracked=true" })
	static class DeletingLeakingTests {

		@Autowired
		LeakyService service;

		@Test
		void callsTheLeakyExport() throws IOException {
			FixtureRuns.record("export", this.service.export("orders-"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true",
					"tempguard.leak-detection.ignore=cache-*" })
	static class IgnoringTests {

		@Autowired
		LeakyService service;

		@Test
		void leavesACacheFile() throws IOException {
			FixtureRuns.record("cache", this.service.export("cache-"));
			FixtureRuns.record("control", this.service.export("orders-"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class CleanTests {

		@TempDir
		static Path classTempDir;

		@LocalServerPort
		int port;

		@Autowired
		TempFileRegistry registry;

		@Test
		void usesTempDirs(@TempDir Path methodTempDir) throws IOException {
			Files.writeString(methodTempDir.resolve("a.txt"), "a");
			Files.writeString(classTempDir.resolve("b.txt"), "b");
		}

		@Test
		void callsTheServerThatCreatesATrackedFile() throws Exception {
			var response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/file"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
		}

		@Test
		void deletesWhatItCreates() throws IOException {
			Path file = Files.createTempFile("short-lived", ".txt");
			Files.delete(file);
			this.registry.createFile("tracked", "txt");
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	@Execution(ExecutionMode.CONCURRENT)
	static class ParallelCleanTests {

		@Test
		void first(@TempDir Path directory) throws IOException {
			Files.writeString(directory.resolve("first.txt"), "1");
			Files.delete(Files.createTempFile("first-", ".tmp"));
		}

		@Test
		void second(@TempDir Path directory) throws IOException {
			Files.writeString(directory.resolve("second.txt"), "2");
			Files.delete(Files.createTempFile("second-", ".tmp"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	@Execution(ExecutionMode.CONCURRENT)
	static class ParallelChildProcessLeakTests {

		static final CyclicBarrier bothRunning = new CyclicBarrier(2);

		@Test
		void touches() throws Exception {
			bothRunning.await(30, TimeUnit.SECONDS);
			// a child process: no agent in this JVM sees what it makes
			Path touched = Path.of(System.getProperty("java.io.tmpdir"), "touched-" + System.nanoTime());
			assertThat(new ProcessBuilder("touch", touched.toString()).start().waitFor()).isZero();
			FixtureRuns.record("touched", touched);
			bothRunning.await(30, TimeUnit.SECONDS);
		}

		@Test
		void runsAtTheSameTime() throws Exception {
			bothRunning.await(30, TimeUnit.SECONDS);
			bothRunning.await(30, TimeUnit.SECONDS);
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	@Execution(ExecutionMode.CONCURRENT)
	static class ParallelLeakTests {

		static final CyclicBarrier bothRunning = new CyclicBarrier(2);

		@Autowired
		LeakyService service;

		@Test
		void leaks() throws Exception {
			bothRunning.await(30, TimeUnit.SECONDS);
			FixtureRuns.record("export", this.service.export("parallel-"));
			bothRunning.await(30, TimeUnit.SECONDS);
		}

		@Test
		void runsAtTheSameTime() throws Exception {
			bothRunning.await(30, TimeUnit.SECONDS);
			bothRunning.await(30, TimeUnit.SECONDS);
		}

	}

}
