package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.leak.LeakReporter;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What happens to files that cannot be deleted ({@code fail-on-leak}) and to a failed
 * test's files ({@code cleanup=on-success}). Each leak case runs twice: with the file
 * made undeletable by an injected fault that refuses its deletion as the kernel refuses
 * an immutable file's (everywhere), and with {@code chattr +i} (where the file system
 * supports it: this suite runs as root, for whom permissions do not stop a deletion).
 */
@ExtendWith(OutputCaptureExtension.class)
class LeakAndKeepIntegrationTests {

	/** The files that the injected fault refuses to delete. */
	private static final Set<Path> refused = ConcurrentHashMap.newKeySet();

	/** How the fixtures make a file undeletable. */
	private static volatile Undeletable undeletable = Undeletable.INJECTED_FAULT;

	private InjectedFaults.@Nullable Injection injection;

	@AfterEach
	void removeWhatWasKeptOrUndeletable() throws Exception {
		if (this.injection != null) {
			this.injection.close();
		}
		for (Path path : FixtureRuns.created.values().stream().flatMap(List::stream).toList()) {
			if (Files.exists(path)) {
				if (refused.remove(path) && undeletable == Undeletable.IMMUTABLE) {
					run("chattr", "-i", path.toString());
				}
				Files.delete(path);
			}
		}
		refused.clear();
	}

	@ParameterizedTest
	@EnumSource
	void failOnLeakFailsTheLeakingTestWithAMessageNamingThePathAndWhy(Undeletable how) throws Exception {
		makeFilesUndeletableBy(how);
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

	@ParameterizedTest
	@EnumSource
	void aLeakNeverHidesTheTestsOwnFailureAndIsAddedToItAsSuppressed(Undeletable how) throws Exception {
		makeFilesUndeletableBy(how);
		EngineExecutionResults results = FixtureRuns.run(FailOnLeakTests.class);

		Throwable failure = FixtureRuns.failureOf(results, "leaksAndFails");
		assertThat(failure).isNotInstanceOf(TempFileLeakError.class).hasMessage("the test's own failure");
		assertThat(failure.getSuppressed()).singleElement()
			.isInstanceOf(TempFileLeakError.class)
			.satisfies((leak) -> assertThat(leak.getMessage())
				.contains(FixtureRuns.paths("leaksAndFails").get(0).toString()));
	}

	@ParameterizedTest
	@EnumSource
	void withoutFailOnLeakALeakIsOnlyLoggedAndTheTestPasses(Undeletable how, CapturedOutput output) throws Exception {
		makeFilesUndeletableBy(how);
		EngineExecutionResults results = FixtureRuns.run(WarnOnLeakTests.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		Path leaked = FixtureRuns.paths("leaks").get(0);
		assertThat(leaked).exists();
		assertThat(output.getAll().lines().filter((line) -> line.contains(leaked.toString())))
			.as("one line logged about the leak")
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("WARN")
			.contains(LeakReporter.class.getSimpleName())
			.contains("tempguard: " + WarnOnLeakTests.class.getName() + "#leaks[")
			.contains("] leaked 1 temporary path: " + leaked + " (17 bytes; could not be deleted: ")
			.contains("Operation not permitted");
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

	private void makeFilesUndeletableBy(Undeletable how) throws Exception {
		if (how == Undeletable.IMMUTABLE) {
			assumeImmutableFilesAreSupported();
		}
		else {
			this.injection = InjectedFaults.inject(TempGuardRuntime.get().engines(), (operation, path) -> {
				if (operation.equals("delete") && refused.contains(path)) {
					throw new FileSystemException(path.toString(), null, "Operation not permitted");
				}
			});
		}
		undeletable = how;
	}

	private static void assumeImmutableFilesAreSupported() throws Exception {
		Path probe = Files.createTempFile(Path.of("target"), "chattr-probe", ".tmp");
		try {
			assumeTrue(run("chattr", "+i", probe.toString()) == 0, "chattr +i is not supported here;"
					+ " the INJECTED_FAULT case of this test covers the same path with an injected fault");
			run("chattr", "-i", probe.toString());
		}
		finally {
			Files.deleteIfExists(probe);
		}
	}

	static int run(String... command) throws IOException, InterruptedException {
		return Processes.run(List.of(command), null).exitCode();
	}

	static Path undeletableFile(TempFileRegistry registry) {
		Path file = registry.createFile("cannot be deleted", "txt");
		refused.add(file);
		if (undeletable == Undeletable.IMMUTABLE) {
			try {
				assertThat(run("chattr", "+i", file.toString())).isZero();
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return file;
	}

	/** How a fixture makes a file that cannot be deleted. */
	enum Undeletable {

		/**
		 * An injected fault refuses to delete it, with the kernel's message for an
		 * immutable file.
		 */
		INJECTED_FAULT,

		/** {@code chattr +i}: the kernel refuses to delete it. */
		IMMUTABLE

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true" })
	static class FailOnLeakTests {

		@Autowired
		TempFileRegistry registry;

		@Test
		void leaks() {
			FixtureRuns.record("leaks", undeletableFile(this.registry));
		}

		@Test
		void leaksAndFails() {
			FixtureRuns.record("leaksAndFails", undeletableFile(this.registry));
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
			FixtureRuns.record("leaks", undeletableFile(this.registry));
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
