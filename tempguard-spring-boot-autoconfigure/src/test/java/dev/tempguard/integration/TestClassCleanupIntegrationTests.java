package dev.tempguard.integration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tempguard.TempDirectory;
import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Real {@code @SpringBootTest} classes run through the JUnit Platform: what they create
 * through the registry is gone after each test and each class, whatever the outcome, and
 * belongs to the right context.
 */
class TestClassCleanupIntegrationTests {

	@Test
	void filesOfPassingAndFailingTestsAreGoneAndClassFilesLiveUntilTheClassEnds() {
		EngineExecutionResults results = FixtureRuns.run(PassingAndFailingTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(2).failed(1));
		results.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class), message("the test's own failure")));
		assertThat(FixtureRuns.paths("passes")).hasSize(3);
		assertThat(FixtureRuns.paths("fails")).hasSize(1);
		assertThat(FixtureRuns.paths("registered")).hasSize(1);
		assertThat(FixtureRuns.paths("class")).hasSize(1);
		assertThat(FixtureRuns.created.values().stream().flatMap(List::stream)).allSatisfy(this::isGone);
		assertThat(FixtureRuns.contexts.get("beforeAll")).containsExactly(PassingAndFailingTests.class.getName());
		assertThat(FixtureRuns.contexts.get("passes")).singleElement()
			.asString()
			.startsWith(PassingAndFailingTests.class.getName() + "#passes[");
		assertThat(FixtureRuns.contexts.get("classFileDuringTests")).containsOnly("exists");
		assertThat(FixtureRuns.contexts.get("classFileInAfterAll")).containsExactly("exists");
	}

	@Test
	void aTestUsingAStartupThreadPoolHasThoseFilesCountedForItWhenItIsTheOnlyTestRunning() {
		FixtureRuns.run(PassingAndFailingTests.class);

		assertThat(FixtureRuns.contexts.get("pool")).singleElement()
			.asString()
			.startsWith(PassingAndFailingTests.class.getName() + "#passes[");
		assertThat(FixtureRuns.paths("pool")).singleElement().satisfies(this::isGone);
	}

	@Test
	void filesOfATestWhoseBeforeEachThrowsAreGoneAndTheSetupErrorIsReported() {
		EngineExecutionResults results = FixtureRuns.run(BeforeEachThrows.class);

		results.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(IllegalStateException.class), message("setup failed")));
		assertThat(FixtureRuns.paths("beforeEach")).singleElement().satisfies(this::isGone);
	}

	@Test
	void repeatedInvocationsHaveDistinctContexts() {
		FixtureRuns.run(Repeated.class);

		assertThat(FixtureRuns.contexts.get("repeated")).hasSize(3)
			.doesNotHaveDuplicates()
			.allSatisfy((context) -> assertThat(context).startsWith(Repeated.class.getName() + "#repeats["));
		assertThat(FixtureRuns.paths("repeated")).hasSize(3).allSatisfy(this::isGone);
	}

	@Test
	void nestedClassesFormAHierarchyAndAreCleanedInnermostFirst() {
		EngineExecutionResults results = FixtureRuns.run(Outer.class);

		results.allEvents()
			.assertThatEvents()
			.noneMatch((event) -> event.getType().name().equals("FINISHED")
					&& !event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
						.map((result) -> result.getStatus().name().equals("SUCCESSFUL"))
						.orElse(true));
		results.testEvents().assertStatistics((stats) -> stats.succeeded(2));
		assertThat(FixtureRuns.contexts.get("innerBeforeAll")).containsExactly(Outer.Inner.class.getName());
		assertThat(FixtureRuns.contexts.get("innerTest")).singleElement()
			.asString()
			.startsWith(Outer.Inner.class.getName() + "#innerTest[");
		assertThat(FixtureRuns.contexts.get("outerFileDuringInnerTest")).containsExactly("exists");
		assertThat(FixtureRuns.contexts.get("outerAfterAll")).containsExactly("outer file exists, inner file gone");
		assertThat(FixtureRuns.created.values().stream().flatMap(List::stream)).hasSize(3).allSatisfy(this::isGone);
	}

	@Test
	void parallelMethodsEachSeeAndCleanOnlyTheirOwnFiles() {
		EngineExecutionResults results = FixtureRuns.run(ParallelTests.class,
				"junit.jupiter.execution.parallel.enabled=true",
				"junit.jupiter.execution.parallel.mode.default=concurrent",
				"junit.jupiter.execution.parallel.config.strategy=fixed",
				"junit.jupiter.execution.parallel.config.fixed.parallelism=4");

		results.testEvents().assertStatistics((stats) -> stats.started(4).succeeded(4));
		assertThat(FixtureRuns.contexts.get("own")).hasSize(4).doesNotHaveDuplicates();
		assertThat(FixtureRuns.contexts.get("child"))
			.containsExactlyInAnyOrderElementsOf(FixtureRuns.contexts.get("own"));
		assertThat(FixtureRuns.contexts.get("pool")).hasSize(4).containsOnly(ParallelTests.class.getName());
		assertThat(FixtureRuns.created.values().stream().flatMap(List::stream)).hasSize(12).allSatisfy(this::isGone);
	}

	@Test
	void aRequestThreadOfARandomPortServerCountsForTheRunningTest() {
		EngineExecutionResults results = FixtureRuns.run(ServerTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		List<String> response = FixtureRuns.contexts.get("response");
		assertThat(response.get(0)).startsWith(ServerTests.class.getName() + "#callsTheServer[");
		assertThat(response.get(2)).as("request thread").isNotEqualTo(FixtureRuns.contexts.get("testThread").get(0));
		assertThat(Path.of(response.get(1))).satisfies(this::isGone);
	}

	private void isGone(Path path) {
		assertThat(path).as("left behind").doesNotExist();
	}

	static String existence(Path path) {
		return Files.exists(path) ? "exists" : "gone";
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	@TestMethodOrder(MethodOrderer.MethodName.class)
	static class PassingAndFailingTests {

		private static Path classFile;

		@Autowired
		TempFileRegistry registry;

		@Autowired
		ExecutorService startupPool;

		@BeforeAll
		static void createClassFile(@Autowired TempFileRegistry registry) {
			classFile = registry.createFile("for the whole class", "txt");
			FixtureRuns.record("class", classFile);
			FixtureRuns.recordContext("beforeAll", registry.currentContext().orElse("run"));
		}

		@Test
		void fails() {
			FixtureRuns.record("fails", this.registry.createFile("from a failing test", ".log"));
			FixtureRuns.recordContext("classFileDuringTests", existence(classFile));
			fail("the test's own failure");
		}

		@Test
		void passes() throws Exception {
			FixtureRuns.record("passes", this.registry.createFile(new byte[] { 1, 2 }, "bin"));
			FixtureRuns.record("passes", this.registry.createDirectory());
			TempDirectory directory = this.registry.createTestDirectory();
			directory.createFile("nested/data.csv", "a,b");
			FixtureRuns.record("passes", directory.path());
			FixtureRuns.recordContext("passes", this.registry.currentContext().orElse("run"));
			FixtureRuns.recordContext("classFileDuringTests", existence(classFile));
			AtomicReference<String> context = new AtomicReference<>();
			Path pooled = this.startupPool.submit(() -> {
				context.set(this.registry.currentContext().orElse("run"));
				return this.registry.createFile("from a pool thread", "txt");
			}).get(10, TimeUnit.SECONDS);
			FixtureRuns.record("pool", pooled);
			FixtureRuns.recordContext("pool", context.get());
		}

		@Test
		void registersAFileMadeByOtherMeans() throws IOException {
			Path made = Files.createTempFile(Path.of(FixtureApplication.ROOT_DIR).toAbsolutePath().getParent(),
					"made-elsewhere", ".tmp");
			FixtureRuns.record("registered", this.registry.register(made));
		}

		@AfterAll
		static void classFileStillThere() {
			FixtureRuns.recordContext("classFileInAfterAll", existence(classFile));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class BeforeEachThrows {

		@Autowired
		TempFileRegistry registry;

		@BeforeEach
		void setUp() {
			FixtureRuns.record("beforeEach", this.registry.createFile("set up", "txt"));
			throw new IllegalStateException("setup failed");
		}

		@Test
		void neverRuns() {
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class Repeated {

		@Autowired
		TempFileRegistry registry;

		@RepeatedTest(3)
		void repeats() {
			FixtureRuns.record("repeated", this.registry.createFile("again", "txt"));
			FixtureRuns.recordContext("repeated", this.registry.currentContext().orElse("run"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class Outer {

		static Path outerFile;

		static Path innerFile;

		@BeforeAll
		static void createOuterFile(@Autowired TempFileRegistry registry) {
			outerFile = registry.createFile("outer", "txt");
			FixtureRuns.record("outer", outerFile);
		}

		@Test
		void outerTest() {
			assertThat(outerFile).exists();
		}

		@AfterAll
		static void check() {
			FixtureRuns.recordContext("outerAfterAll",
					"outer file " + existence(outerFile) + ", inner file " + existence(innerFile));
		}

		@Nested
		class Inner {

			@Autowired
			TempFileRegistry registry;

			@BeforeAll
			static void createInnerFile(@Autowired TempFileRegistry registry) {
				innerFile = registry.createFile("inner", "txt");
				FixtureRuns.record("inner", innerFile);
				FixtureRuns.recordContext("innerBeforeAll", registry.currentContext().orElse("run"));
			}

			@Test
			void innerTest() {
				FixtureRuns.record("innerTest", this.registry.createFile("inner test", "txt"));
				FixtureRuns.recordContext("innerTest", this.registry.currentContext().orElse("run"));
				FixtureRuns.recordContext("outerFileDuringInnerTest", existence(outerFile));
			}

		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	@Execution(ExecutionMode.CONCURRENT)
	static class ParallelTests {

		static final CyclicBarrier allRunning = new CyclicBarrier(4);

		static final AtomicReference<Path> firstFile = new AtomicReference<>();

		@Autowired
		TempFileRegistry registry;

		@Autowired
		ExecutorService startupPool;

		@Test
		void first() throws Exception {
			work();
		}

		@Test
		void second() throws Exception {
			work();
		}

		@Test
		void third() throws Exception {
			work();
		}

		@Test
		void fourth() throws Exception {
			work();
		}

		private void work() throws Exception {
			String own = this.registry.currentContext().orElseThrow();
			Path file = this.registry.createFile(own, "txt");
			FixtureRuns.record("own", file);
			if (own.contains("#first[")) {
				firstFile.set(file);
			}
			FixtureRuns.recordContext("own", own);
			AtomicReference<String> childContext = new AtomicReference<>();
			Thread child = new Thread(() -> {
				childContext.set(this.registry.currentContext().orElse("run"));
				FixtureRuns.record("child", this.registry.createFile("child of " + own, "txt"));
			});
			child.start();
			child.join();
			FixtureRuns.recordContext("child", childContext.get());
			allRunning.await(30, TimeUnit.SECONDS);
			// all four run now: a thread bound to none of them counts for their class
			AtomicReference<String> poolContext = new AtomicReference<>();
			FixtureRuns.record("pool", this.startupPool.submit(() -> {
				poolContext.set(this.registry.currentContext().orElse("run"));
				return this.registry.createFile("pooled", "txt");
			}).get(10, TimeUnit.SECONDS));
			FixtureRuns.recordContext("pool", poolContext.get());
			assertThat(this.registry.stats().filesByContext()).containsEntry(own, 2);
			allRunning.await(30, TimeUnit.SECONDS);
			if (!own.contains("#first[")) {
				// another test's cleanup never touches this one's files
				Path firstFile = ParallelTests.firstFile.get();
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
				while (Files.exists(firstFile) && System.nanoTime() < deadline) {
					Thread.sleep(10);
				}
				assertThat(firstFile).as("first test's file, cleaned after it").doesNotExist();
				assertThat(file).as("own file, while another test was cleaned").exists();
			}
		}

	}

	@SpringBootTest(classes = FixtureApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class ServerTests {

		@LocalServerPort
		int port;

		@Test
		void callsTheServer() throws Exception {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/file")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			List.of(response.body().split("\n")).forEach((line) -> FixtureRuns.recordContext("response", line));
			FixtureRuns.recordContext("testThread", Thread.currentThread().getName());
			assertThat(Path.of(response.body().split("\n")[1])).exists();
		}

	}

}
