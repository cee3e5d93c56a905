package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What happens to files that cannot be deleted ({@code fail-on-leak}) and to a failed
 * test's files ({@code cleanup=on-success}). An undeletable file is made with
 * {@code chattr +i}, since this suite runs as root, for whom permissions do not stop a
 * deletion.
 */
class LeakAndKeepIntegrationTests {

	@AfterEach
	void removeWhatWasKeptOrImmutable() throws Exception {
		for (Path path : FixtureRuns.created.values().stream().flatMap(List::stream).toList()) {
			if (Files.exists(path)) {
				run("chattr", "-i", path.toString());
				Files.delete(path);
			}
		}
	}

	@Test
	void failOnLeakFailsTheLeakingTestWithAMessageNamingThePathAndWhy() throws Exception {
		assumeImmutableFilesAreSupported();
		EngineExecutionResults results = FixtureRuns.run(FailOnLeakTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(1).failed(2));
		Throwable leak = FixtureRuns.failureOf(results, "leaks");
		Path leaked = FixtureRuns.paths("leaks").get(0);
		assertThat(leak).isInstanceOf(TempFileLeakError.class)
			.hasMessageContaining(FailOnLeakTests.class.getName() + "#leaks[")
			.hasMessageContaining(leaked.toString())
			.hasMessageContaining("Operation not permitted");
		assertThat(((TempFileLeakError) leak).leaks()).singleElement()
			.satisfies((failure) -> assertThat(failure.path()).isEqualTo(leaked));
		assertThat(FixtureRuns.paths("clean")).singleElement().satisfies((path) -> assertThat(path).doesNotExist());
	}

	@Test
	void aLeakNeverHidesTheTestsOwnFailureAndIsAddedToItAsSuppressed() throws Exception {
		assumeImmutableFilesAreSupported();
		EngineExecutionResults results = FixtureRuns.run(FailOnLeakTests.class);

		Throwable failure = FixtureRuns.failureOf(results, "leaksAndFails");
		assertThat(failure).isNotInstanceOf(TempFileLeakError.class).hasMessage("the test's own failure");
		assertThat(failure.getSuppressed()).singleElement()
			.isInstanceOf(TempFileLeakError.class)
			.satisfies((leak) -> assertThat(leak.getMessage())
				.contains(FixtureRuns.paths("leaksAndFails").get(0).toString()));
	}

	@Test
	void withoutFailOnLeakALeakIsOnlyLoggedAndTheTestPasses() throws Exception {
		assumeImmutableFilesAreSupported();
		EngineExecutionResults results = FixtureRuns.run(WarnOnLeakTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(FixtureRuns.paths("leaks")).singleElement().satisfies((path) -> assertThat(path).exists());
	}

	@Test
	void cleanupOnSuccessKeepsTheFilesOfAFailedTestAndDeletesThoseOfAPassingOne() {
		EngineExecutionResults results = FixtureRuns.run(OnSuccessTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(FixtureRuns.failureOf(results, "fails")).hasMessage("keep my files");
		assertThat(FixtureRuns.paths("fails")).hasSize(2).allSatisfy((path) -> assertThat(path).exists());
		assertThat(FixtureRuns.paths("passes")).singleElement().satisfies((path) -> assertThat(path).doesNotExist());
		assertThat(FixtureRuns.paths("class")).as("class files, kept since a test of the class failed")
			.singleElement()
			.satisfies((path) -> assertThat(path).exists());
	}

	private static void assumeImmutableFilesAreSupported() throws Exception {
		Path probe = Files.createTempFile(Path.of("target"), "chattr-probe", ".tmp");
		try {
			assumeTrue(run("chattr", "+i", probe.toString()) == 0, "chattr +i is not supported here");
			run("chattr", "-i", probe.toString());
		}
		finally {
			Files.deleteIfExists(probe);
		}
	}

	static int run(String... command) throws IOException, InterruptedException {
		return Processes.run(List.of(command), null).exitCode();
	}

	static Path immutableFile(TempFileRegistry registry) {
		Path file = registry.createFile("cannot be deleted", "txt");
		try {
			assertThat(run("chattr", "+i", file.toString())).isZero();
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
		return file;
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class FailOnLeakTests {

		@Autowired
		TempFileRegistry registry;

		@Test
		void leaks() {
			FixtureRuns.record("leaks", immutableFile(this.registry));
		}

		@Test
		void leaksAndFails() {
			FixtureRuns.record("leaksAndFails", immutableFile(this.registry));
			fail("the test's own failure");
		}

		@Test
		void clean() {
			FixtureRuns.record("clean", this.registry.createFile("deletable", "txt"));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = "tempguard.root-dir=" + FixtureApplication.ROOT_DIR)
	static class WarnOnLeakTests {

		@Autowired
		TempFileRegistry registry;

		@Test
		void leaks() {
			FixtureRuns.record("leaks", immutableFile(this.registry));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.cleanup=on-success" })
	static class OnSuccessTests {

		@Autowired
		TempFileRegistry registry;

		@BeforeAll
		static void createClassFile(@Autowired TempFileRegistry registry) {
			FixtureRuns.record("class", registry.createFile("class", "txt"));
		}

		@Test
		void fails() {
			FixtureRuns.record("fails", this.registry.createFile("inspect me", "txt"));
			FixtureRuns.record("fails", this.registry.createDirectory());
			fail("keep my files");
		}

		@Test
		void passes() {
			FixtureRuns.record("passes", this.registry.createFile("delete me", "txt"));
		}

	}

}
