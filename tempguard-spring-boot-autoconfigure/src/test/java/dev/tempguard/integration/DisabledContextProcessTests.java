package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tempguard.enabled=false} where only Spring sees it ({@code application-*.yml} of
 * the tests' profile), and where only JUnit does, in test JVMs of their own: the
 * auto-configuration backs off, tests of that context are left alone, and, with nothing
 * else turning tempguard on, nothing JVM-wide is written: no summary, no report, no run
 * directory, and the watcher stops when the context loads. Autowiring the registry fails
 * with an analysis that names the property and where it was set.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DisabledContextProcessTests {

	@TempDir
	Path work;

	@Test
	void offInTheApplicationContextsSettingsOnlyASuiteWithoutTheRegistryRunsAsWithoutTempguard() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(), List.of(OffTests.class));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("[child] FAILED")
			.contains("[fixture] watching=false")
			.doesNotContain("#leavesAFile")
			.doesNotContain("[tempguard]");
		assertThat(ChildRuns.reportDirectory(this.work)).as("no report").doesNotExist();
		// what the fixture and Tomcat left, as without tempguard; no root-dir, so no run
		// directory
		assertThat(ChildRuns.names(ChildRuns.tmpdir(this.work))).hasSize(2)
			.anySatisfy((name) -> assertThat(name).startsWith("left-"))
			.anySatisfy((name) -> assertThat(name).startsWith("tomcat.0."));
	}

	@Test
	void offInTheApplicationContextsSettingsAutowiringTheRegistryFailsNamingTheProperty() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(), List.of(OffAutowiringTests.class));

		assertThat(result.output())
			.contains("[child] FAILED usesTheRegistry(): | java.lang.IllegalStateException: "
					+ OffAutowiringTests.class.getName() + " injects a TempFileRegistry, but tempguard is off:"
					+ " tempguard.enabled=false in the application context's settings (application-test.yml,")
			.contains("Remove tempguard.enabled=false to use tempguard")
			.doesNotContain("[tempguard]");
		assertThat(ChildRuns.reportDirectory(this.work)).doesNotExist();
	}

	@Test
	void offInTheApplicationContextsSettingsABeanNeedingTheRegistryFailsTheStartWithAnAnalysisNamingTheProperty()
			throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(), List.of(OffApplicationNeedsTheRegistry.class));

		assertThat(result.output()).contains("[child] FAILED")
			.contains("APPLICATION FAILED TO START")
			.contains("No TempFileRegistry bean can be injected: tempguard is off, tempguard.enabled=false in the"
					+ " application context's settings")
			.contains("Remove tempguard.enabled=false to use tempguard's TempFileRegistry");
	}

	@Test
	void offForTheRunAutowiringTheRegistryFailsNamingWhereItWasSet() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, List.of(), List.of(AutowiringTests.class),
				"tempguard.enabled=false");

		assertThat(result.output())
			.contains(AutowiringTests.class.getName() + " injects a TempFileRegistry, but tempguard is off:"
					+ " tempguard.enabled=false for the test run (a JUnit configuration parameter")
			.doesNotContain("[tempguard]");
		assertThat(ChildRuns.names(ChildRuns.tmpdir(this.work))).noneMatch((name) -> name.startsWith("tempguard-"));
	}

	@Test
	void onTheSameSuiteIsGuardedReportedAndCleaned() throws Exception {
		// the agent, which deletes what it saw a context make, attaches itself where the
		// JVM lets it (on Java 21+ only so)
		Processes.Result result = ChildRuns.run(this.work,
				List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading"), List.of(OnTests.class));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("[fixture] watching=true bound=" + OnTests.class.getName())
			.contains("[tempguard] 1 tests guarded");
		assertThat(ChildRuns.reportDirectory(this.work).resolve("index.html")).exists();
		assertThat(ChildRuns.names(ChildRuns.tmpdir(this.work))).noneMatch((name) -> name.startsWith("tomcat"));
	}

	@SpringBootTest(classes = FrameworkLeftoversProcessTests.ClinicApplication.class,
			webEnvironment = WebEnvironment.RANDOM_PORT)
	@ActiveProfiles("tempguard-off")
	static class OffTests {

		@Test
		void leavesAFile() throws IOException {
			Files.createTempFile("left-", ".txt");
			say();
		}

	}

	@SpringBootTest(classes = FrameworkLeftoversProcessTests.ClinicApplication.class,
			webEnvironment = WebEnvironment.RANDOM_PORT)
	static class OnTests {

		@Test
		void saysWhatTempguardDoes() {
			say();
		}

	}

	@SpringBootTest(classes = FrameworkLeftoversProcessTests.ClinicApplication.class)
	@ActiveProfiles("tempguard-off")
	static class OffAutowiringTests {

		@Autowired
		TempFileRegistry registry;

		@Test
		void usesTheRegistry() {
			this.registry.createFile("x", "txt");
		}

	}

	// FixtureApplication's controller needs the registry
	@SpringBootTest(classes = FixtureApplication.class)
	@ActiveProfiles("tempguard-off")
	static class OffApplicationNeedsTheRegistry {

		@Test
		void starts() {
		}

	}

	@SpringBootTest(classes = FrameworkLeftoversProcessTests.ClinicApplication.class)
	static class AutowiringTests {

		@Autowired
		TempFileRegistry registry;

		@Test
		void usesTheRegistry() {
			this.registry.createFile("x", "txt");
		}

	}

	// what tempguard does while the test runs
	private static void say() {
		TempGuardRuntime runtime = TempGuardRuntime.get();
		System.out.println("[fixture] watching=" + runtime.leakDetector().isActive() + " bound="
				+ ((runtime.scopes().bound() != null) ? runtime.scopes().bound().id() : "null"));
	}

}
