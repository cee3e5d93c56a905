package dev.tempguard.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.CleanupResult;
import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cleanupAll()} in a test that runs in parallel with another one, through the
 * JUnit Platform with {@code junit.jupiter.execution.parallel.enabled=true}: it deletes
 * the calling test's files and never those of the test running at the same time, nor of
 * the class they share.
 */
class ParallelCleanupAllIntegrationTests {

	@Test
	void cleanupAllInATestLeavesTheFilesOfTheTestRunningAtTheSameTimeAndOfTheirClass() {
		EngineExecutionResults results = FixtureRuns.run(TwoTestsAtOnce.class,
				"junit.jupiter.execution.parallel.enabled=true",
				"junit.jupiter.execution.parallel.mode.default=concurrent",
				"junit.jupiter.execution.parallel.config.strategy=fixed",
				"junit.jupiter.execution.parallel.config.fixed.parallelism=2");

		results.allEvents().assertStatistics((stats) -> stats.failed(0));
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		Path own = FixtureRuns.paths("own").get(0);
		assertThat(FixtureRuns.paths("deleted by cleanupAll")).containsExactly(own);
		assertThat(FixtureRuns.contexts.get("still there after cleanupAll")).as("the other test's and the class's")
			.containsExactly("other=true", "class=true");
		assertThat(FixtureRuns.paths("other")).as("cleaned after their own test, as usual")
			.singleElement()
			.satisfies((path) -> assertThat(path).doesNotExist());
		assertThat(FixtureRuns.paths("class")).singleElement().satisfies((path) -> assertThat(path).doesNotExist());
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	@Execution(ExecutionMode.CONCURRENT)
	static class TwoTestsAtOnce {

		private static final long TIMEOUT_SECONDS = 30;

		// both tests have created their file
		static CountDownLatch created;

		// the calling test has called cleanupAll
		static CountDownLatch cleaned;

		@Autowired
		TempFileRegistry registry;

		@BeforeAll
		static void createClassFile(@Autowired TempFileRegistry registry) {
			created = new CountDownLatch(2);
			cleaned = new CountDownLatch(1);
			FixtureRuns.record("class", registry.createFile("the class's", "txt"));
		}

		@Test
		void callsCleanupAll() throws InterruptedException {
			FixtureRuns.record("own", this.registry.createFile("own", "txt"));
			created.countDown();
			assertThat(created.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the other test runs at the same time")
				.isTrue();
			CleanupResult result = this.registry.cleanupAll();
			result.deleted().forEach((path) -> FixtureRuns.record("deleted by cleanupAll", path));
			cleaned.countDown();
		}

		@Test
		void runsAtTheSameTime() throws InterruptedException {
			Path other = this.registry.createFile("other", "txt");
			FixtureRuns.record("other", other);
			created.countDown();
			assertThat(cleaned.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the other test called cleanupAll")
				.isTrue();
			FixtureRuns.recordContext("still there after cleanupAll", "other=" + Files.exists(other));
			FixtureRuns.recordContext("still there after cleanupAll",
					"class=" + Files.exists(FixtureRuns.paths("class").get(0)));
		}

	}

}
