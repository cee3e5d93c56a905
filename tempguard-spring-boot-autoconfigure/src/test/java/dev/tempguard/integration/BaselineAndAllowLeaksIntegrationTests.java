package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.AllowLeaks;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.integration.FixtureApplication.LeakyService;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.testing.RecordedLeaks;
import dev.tempguard.testing.SystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring tests with the baseline set as a Spring property ({@code tempguard.baseline},
 * {@code tempguard.baseline.strict}) and {@link AllowLeaks} on their methods, run by the
 * Spring listener alone (no JUnit Platform listener, no Jupiter extension): a known leak
 * and an allowed one fail nothing and are recorded as such, a new one fails its test, an
 * {@code @AllowLeaks} without a reason fails its test naming it, and a strict baseline
 * that knows a leak no longer made fails the class.
 */
class BaselineAndAllowLeaksIntegrationTests {

	private static final String SITE = LeakyService.class.getName() + ".export";

	@TempDir
	Path temp;

	@AfterEach
	void deleteWhatTheFixturesLeaked() throws IOException {
		for (Path path : FixtureRuns.created.values().stream().flatMap(List::stream).toList()) {
			Files.deleteIfExists(path);
		}
	}

	@Test
	void knownAndAllowedLeaksFailNothingANewOneFailsAndAnEmptyReasonFailsItsTest() throws IOException {
		String known = KnownAndAllowedTests.class.getName() + "#known[1]";
		EngineExecutionResults results = run(KnownAndAllowedTests.class, known);

		results.testEvents().assertStatistics((stats) -> stats.started(4).succeeded(2).failed(2));
		assertThat(RecordedLeaks.dispositions(known))
			.containsExactly(RunReport.Disposition.known(known + " site=" + SITE));
		assertThat(RecordedLeaks.dispositions(KnownAndAllowedTests.class.getName() + "#allowed[1]"))
			.containsExactly(RunReport.Disposition.allowed("the export keeps a copy", "GH-3"));
		assertThat(FixtureRuns.failureOf(results, "fresh")).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> assertThat(error.leaks()).singleElement()
					.satisfies((leak) -> assertThat(leak.path()).isEqualTo(FixtureRuns.paths("fresh").get(0))));
		assertThat(FixtureRuns.failureOf(results, "noReason")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("tempguard: @AllowLeaks on " + KnownAndAllowedTests.class.getName()
					+ "#noReason[1] gives no reason");
	}

	@Test
	void aStrictBaselineThatKnowsALeakNoLongerMadeFailsTheClass() throws IOException {
		String gone = StrictTests.class.getName() + "#noLongerLeaks[1]";
		EngineExecutionResults results = run(StrictTests.class, gone);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(1));
		assertThat(FixtureRuns.classFailureOf(results)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("knows 1 leak of " + StrictTests.class.getName() + " that no longer happens")
			.hasMessageContaining(gone + " site=" + SITE)
			.hasMessageContaining("tempguard.baseline.strict=true");
	}

	// runs the fixture with a baseline that knows a leak of the service's in the test
	private EngineExecutionResults run(Class<?> fixture, String test) throws IOException {
		Path baseline = Files.writeString(this.temp.resolve("baseline.json"),
				"{\n  \"version\" : 1,\n  \"entries\" : [\n" + "    { \"test\" : \"" + test + "\", \"site\" : \"" + SITE
						+ "\" }\n  ]\n}\n");
		try (SystemProperty property = SystemProperty.set("fixture.baseline", baseline.toString())) {
			return FixtureRuns.run(fixture);
		}
	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true",
					"tempguard.baseline=${fixture.baseline}" })
	static class KnownAndAllowedTests {

		@Autowired
		LeakyService service;

		@Test
		void known() throws IOException {
			FixtureRuns.record("known", this.service.export("spring-known-"));
		}

		@Test
		@AllowLeaks(reason = "the export keeps a copy", issue = "GH-3")
		void allowed() throws IOException {
			FixtureRuns.record("allowed", this.service.export("spring-allowed-"));
		}

		@Test
		void fresh() throws IOException {
			FixtureRuns.record("fresh", this.service.export("spring-fresh-"));
		}

		@Test
		@AllowLeaks(reason = "")
		void noReason() {
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "tempguard.fail-on-leak=true",
					"tempguard.baseline=${fixture.baseline}", "tempguard.baseline.strict=true" })
	static class StrictTests {

		@Test
		void noLongerLeaks() {
		}

	}

}
