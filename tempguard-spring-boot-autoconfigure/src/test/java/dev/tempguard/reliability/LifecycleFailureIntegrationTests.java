package dev.tempguard.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tempguard.TempDirectory;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.integration.FixtureApplication;
import dev.tempguard.integration.FixtureRuns;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.scope.TrackedPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real {@code @SpringBootTest} classes that fail in each phase of their lifecycle, run
 * through the JUnit Platform: the files made before the failure are gone, and the
 * reported failure is the test's own, never one of tempguard's. What
 * {@code TestClassCleanupIntegrationTests} already covers (an assertion failing in the
 * test, {@code @BeforeEach} throwing) is not repeated here.
 */
class LifecycleFailureIntegrationTests {

	/**
	 * Entries that code of an application context made in {@code java.io.tmpdir} while it
	 * started.
	 */
	private static final List<Path> startupLeftovers = new ArrayList<>();

	@AfterEach
	void removeStartupLeftovers() throws IOException {
		for (Path path : startupLeftovers) {
			Files.deleteIfExists(path);
		}
		startupLeftovers.clear();
	}

	@Test
	void aTestThrowingACheckedExceptionHasItReportedAndEveryFileItMadeIsGone() {
		EngineExecutionResults results = FixtureRuns.run(TestThrows.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(FixtureRuns.failureOf(results, null)).isInstanceOf(IOException.class)
			.hasMessage("the test's own exception")
			.hasNoSuppressedExceptions();
		assertThat(FixtureRuns.paths("test")).hasSize(4).allSatisfy(LifecycleFailureIntegrationTests::isGone);
	}

	@Test
	void anAfterEachThrowingHasItReportedAndTheFilesOfTheTestAndOfAfterEachAreGone() {
		EngineExecutionResults results = FixtureRuns.run(AfterEachThrows.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		assertThat(FixtureRuns.failureOf(results, null)).isInstanceOf(IllegalStateException.class)
			.hasMessage("tear-down failed")
			.hasNoSuppressedExceptions();
		assertThat(FixtureRuns.paths("test")).singleElement().satisfies(LifecycleFailureIntegrationTests::isGone);
		assertThat(FixtureRuns.paths("afterEach")).singleElement().satisfies(LifecycleFailureIntegrationTests::isGone);
	}

	@Test
	void aBeforeAllThrowingFailsTheClassWithItsOwnExceptionAndItsFilesAreGone() {
		EngineExecutionResults results = FixtureRuns.run(BeforeAllThrows.class);

		results.testEvents().assertStatistics((stats) -> stats.started(0));
		List<Throwable> classFailures = results.containerEvents()
			.failed()
			.stream()
			.map(FixtureRuns::throwableOf)
			.filter(Objects::nonNull)
			.toList();
		assertThat(classFailures).hasSize(1);
		assertThat(classFailures.get(0)).isInstanceOf(IllegalStateException.class)
			.hasMessage("class setup failed")
			.hasNoSuppressedExceptions();
		assertThat(FixtureRuns.paths("beforeAll")).hasSize(2).allSatisfy(LifecycleFailureIntegrationTests::isGone);
	}

	/**
	 * What an application context made while starting belongs to the run (a context
	 * outlives the test that started it): tracked there and deleted when the test run
	 * ends. A context that fails to start reports its own failure, and leaves tempguard
	 * working for the classes that follow it.
	 */
	@Test
	void anApplicationContextThatFailsToStartReportsItsOwnFailureAndTheNextClassIsStillGuarded() {
		EngineExecutionResults results = FixtureRuns.run(List.of(ContextFailsToStart.class, AfterAFailedStart.class));

		Throwable startFailure = results.testEvents()
			.failed()
			.stream()
			.filter((event) -> event.getTestDescriptor()
				.getUniqueId()
				.toString()
				.contains(ContextFailsToStart.class.getSimpleName()))
			.map(FixtureRuns::throwableOf)
			.findFirst()
			.orElseThrow();
		assertThat(chainOf(startFailure)).as("the context's failure, whole")
			.anySatisfy((cause) -> assertThat(cause).hasMessage("a bean failed on purpose"))
			.noneSatisfy((cause) -> assertThat(cause).isInstanceOf(TempFileLeakError.class));
		assertThat(startFailure.getSuppressed()).isEmpty();
		// the registry's file of the start is the run's: deleted when the test run ends
		Path startupFile = FixtureRuns.paths("startup").get(0);
		assertThat(TempGuardRuntime.get().scopes().run().tracked()).extracting(TrackedPath::path).contains(startupFile);
		startupLeftovers.addAll(FixtureRuns.paths("startupUntracked"));
		// the next class: its files are its test's, and an untracked leak is still
		// reported against it
		Throwable leak = results.testEvents()
			.failed()
			.stream()
			.filter((event) -> event.getTestDescriptor()
				.getUniqueId()
				.toString()
				.contains(AfterAFailedStart.class.getSimpleName()))
			.map(FixtureRuns::throwableOf)
			.findFirst()
			.orElseThrow(() -> new AssertionError("the leak after a failed start was not reported"));
		assertThat(leak).isInstanceOf(TempFileLeakError.class)
			.hasMessageContaining(AfterAFailedStart.class.getName() + "#leaks[")
			.hasMessageContaining(FixtureRuns.paths("leaked").get(0).toString());
		assertThat(FixtureRuns.contexts.get("after")).singleElement()
			.asString()
			.startsWith(AfterAFailedStart.class.getName() + "#leaks[");
		assertThat(FixtureRuns.paths("after")).singleElement().satisfies(LifecycleFailureIntegrationTests::isGone);
		assertThat(FixtureRuns.paths("leaked")).singleElement()
			.satisfies((path) -> assertThat(path).as("deleted once reported (delete-untracked)").doesNotExist());
	}

	private static void isGone(Path path) {
		assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).as("%s left behind", path).isFalse();
	}

	private static List<Throwable> chainOf(Throwable throwable) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = throwable; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class TestThrows {

		@Autowired
		TempFileRegistry registry;

		@Test
		void throwsAfterMakingFiles() throws Exception {
			FixtureRuns.record("test", this.registry.createFile("made", "txt"));
			TempDirectory directory = this.registry.createTestDirectory();
			directory.createFile("a/b/c.txt", "deep");
			FixtureRuns.record("test", directory.path());
			FixtureRuns.record("test", this.registry.register(Files.createTempFile(directory.path(), "other", ".tmp")));
			Thread thread = new Thread(() -> FixtureRuns.record("test", this.registry.createDirectory()));
			thread.start();
			thread.join();
			throw new IOException("the test's own exception");
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class AfterEachThrows {

		@Autowired
		TempFileRegistry registry;

		@Test
		void passes() {
			FixtureRuns.record("test", this.registry.createFile("test", "txt"));
		}

		@AfterEach
		void tearDown() {
			FixtureRuns.record("afterEach", this.registry.createDirectory());
			throw new IllegalStateException("tear-down failed");
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class BeforeAllThrows {

		@BeforeAll
		static void setUpClass(@Autowired TempFileRegistry registry) {
			FixtureRuns.record("beforeAll", registry.createFile("class", "txt"));
			FixtureRuns.record("beforeAll", registry.createTestDirectory().path());
			throw new IllegalStateException("class setup failed");
		}

		@Test
		void neverRuns() {
		}

	}

	@SpringBootTest(classes = { FixtureApplication.class, FailingConfiguration.class },
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	@Order(1)
	static class ContextFailsToStart {

		@Test
		void neverRuns() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		@Bean
		String failingBean(TempFileRegistry registry) throws IOException {
			FixtureRuns.record("startup", registry.createFile("made while starting", "txt"));
			FixtureRuns.record("startupUntracked", Files.createTempFile("startup-", ".tmp"));
			throw new IllegalStateException("a bean failed on purpose");
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true",
					"tempguard.leak-detection.delete-untracked=true" })
	@Order(2)
	static class AfterAFailedStart {

		@Autowired
		TempFileRegistry registry;

		@Test
		void leaks() throws IOException {
			FixtureRuns.recordContext("after", this.registry.currentContext().orElse("run"));
			FixtureRuns.record("after", this.registry.createFile("after", "txt"));
			FixtureRuns.record("leaked", Files.createTempFile("forgotten-", ".tmp"));
		}

	}

}
