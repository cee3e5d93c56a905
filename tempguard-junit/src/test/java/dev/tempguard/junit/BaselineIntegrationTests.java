package dev.tempguard.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.testing.LauncherRuns;
import dev.tempguard.testing.RecordedLeaks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite of three leaky plain tests, run through a real JUnit Platform launcher with
 * {@code tempguard.fail-on-leak=true} and a baseline that knows their leaks: it passes, a
 * fourth leak fails naming only itself, an entry no longer seen is reported as fixed (and
 * fails the class with {@code tempguard.baseline.strict=true}), and a baseline that
 * cannot be read fails the class naming the file and the line. Each case runs a suite of
 * its own (the same tests, inherited), so that its test ids, and the keys of its entries,
 * are its own in this JVM's report.
 */
class BaselineIntegrationTests {

	// where the suites' leaks are made: their tests are LeakySuite's
	private static final String SITES = LeakySuite.class.getName();

	static final List<Path> leaked = new CopyOnWriteArrayList<>();

	@TempDir
	Path temp;

	@AfterEach
	void deleteWhatTheSuitesLeaked() throws IOException {
		for (Path path : leaked) {
			Files.deleteIfExists(path);
		}
		leaked.clear();
		LeakySuite.fixed.clear();
		LeakySuite.fourth = false;
		LeakySuite.failing = false;
	}

	@Test
	void knownLeaksDoNotFailTheirTestsAndAreRecordedAsKnown() throws IOException {
		Path baseline = baseline(KnownSuite.class, "exports", "uploads", "renders");

		LauncherRuns.Results results = run(KnownSuite.class, baseline);

		assertThat(results.tests()).hasSize(5).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		assertThat(dispositions(KnownSuite.class, "exports", "uploads", "renders")).containsExactly(
				RunReport.Disposition.known(key(KnownSuite.class, "exports")),
				RunReport.Disposition.known(key(KnownSuite.class, "uploads")),
				RunReport.Disposition.known(key(KnownSuite.class, "renders")));
		assertThat(fixedOf(KnownSuite.class)).isEmpty();
	}

	@Test
	void aFourthLeakFailsItsTestNamingOnlyItself() throws IOException {
		Path baseline = baseline(FourthLeakSuite.class, "exports", "uploads", "renders");
		LeakySuite.fourth = true;

		LauncherRuns.Results results = run(FourthLeakSuite.class, baseline);

		assertThat(results.test("exports").succeeded()).isTrue();
		assertThat(results.test("uploads").succeeded()).isTrue();
		assertThat(results.test("renders").succeeded()).isTrue();
		assertThat(results.test("archives").failure()).isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.context()).isEqualTo(FourthLeakSuite.class.getName() + "#archives[1]");
			assertThat(error.leaks()).singleElement()
				.satisfies((leak) -> assertThat(leak.path().getFileName().toString()).startsWith("baseline-archives-"));
			assertThat(error.getMessage()).doesNotContain("baseline-exports-", "baseline-uploads-",
					"baseline-renders-");
		});
		assertThat(dispositions(FourthLeakSuite.class, "archives")).containsExactly(RunReport.Disposition.NEW);
	}

	@Test
	void anEntryNoLongerSeenIsReportedAsFixedAndTheSuitePasses() throws IOException {
		Path baseline = baseline(FixedSuite.class, "exports", "uploads", "renders");
		LeakySuite.fixed.add("renders");

		LauncherRuns.Results results = run(FixedSuite.class, baseline);

		assertThat(results.tests()).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		assertThat(results.container(FixedSuite.class.getSimpleName()).succeeded()).isTrue();
		assertThat(fixedOf(FixedSuite.class)).containsExactly(new RunReport.Fixed(key(FixedSuite.class, "renders"),
				FixedSuite.class.getName() + "#renders[1]", "a leak made at " + SITES + ".renders"));
	}

	@Test
	void withStrictAnEntryNoLongerSeenFailsTheClassNamingIt() throws IOException {
		Path baseline = baseline(StrictSuite.class, "exports", "uploads", "renders");
		LeakySuite.fixed.add("renders");

		LauncherRuns.Results results = run(StrictSuite.class, baseline, "tempguard.baseline.strict=true");

		assertThat(results.tests()).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		assertThat(results.container(StrictSuite.class.getSimpleName()).failure()).isInstanceOf(AssertionError.class)
			.isNotInstanceOf(TempFileLeakError.class)
			.hasMessageContaining("the baseline " + baseline + " knows 1 leak of " + StrictSuite.class.getName()
					+ " that no longer happens:")
			.hasMessageContaining(key(StrictSuite.class, "renders"))
			.hasMessageContaining("mvn tempguard:baseline")
			.hasMessageContaining("tempguard.baseline.strict=true");
		assertThat(fixedOf(StrictSuite.class)).extracting(RunReport.Fixed::key)
			.containsExactly(key(StrictSuite.class, "renders"));
	}

	@Test
	void anEntryOfATestThatFailedIsNotFixed() throws IOException {
		Path baseline = baseline(FailingSuite.class, "exports", "uploads", "renders", "fails");
		LeakySuite.failing = true;

		LauncherRuns.Results results = run(FailingSuite.class, baseline, "tempguard.baseline.strict=true");

		assertThat(results.test("fails").failure()).hasMessage("fails before it leaks");
		assertThat(results.container(FailingSuite.class.getSimpleName()).failure()).isNull();
		assertThat(fixedOf(FailingSuite.class)).isEmpty();
	}

	@Test
	void aBaselineThatDoesNotExistFailsTheClassNamingTheFile() {
		Path missing = this.temp.resolve("missing.json");

		LauncherRuns.Results results = run(BrokenBaselineSuite.class, missing);

		assertThat(results.container(BrokenBaselineSuite.class.getSimpleName()).failure())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("tempguard.baseline=" + missing + " does not exist")
			.hasMessageContaining("mvn tempguard:baseline");
		assertThat(results.tests()).isEmpty();
	}

	@Test
	void aBaselineWithAWrongEntryFailsTheClassNamingTheLineAndTheEntry() throws IOException {
		Path baseline = Files.writeString(this.temp.resolve("baseline.json"), """
				{
				  "version" : 1,
				  "entries" : [
				    { "test" : "%1$s#exports[1]", "site" : "%2$s.exports" },
				    { "tset" : "%1$s#uploads[1]", "site" : "%2$s.uploads" }
				  ]
				}
				""".formatted(BrokenBaselineSuite.class.getName(), SITES));

		LauncherRuns.Results results = run(BrokenBaselineSuite.class, baseline);

		assertThat(results.container(BrokenBaselineSuite.class.getSimpleName()).failure()).hasMessageStartingWith(
				"tempguard.baseline=" + baseline + ", line 5: entry 2 has an unknown field \"tset\"");
		assertThat(results.tests()).isEmpty();
	}

	private static LauncherRuns.Results run(Class<?> suite, Path baseline, String... more) {
		String[] configuration = new String[more.length + 2];
		configuration[0] = "tempguard.fail-on-leak=true";
		configuration[1] = "tempguard.baseline=" + baseline;
		System.arraycopy(more, 0, configuration, 2, more.length);
		return LauncherRuns.run(suite, configuration);
	}

	// a baseline of the suite's tests, each keyed by where it leaks
	private Path baseline(Class<?> suite, String... tests) throws IOException {
		StringBuilder entries = new StringBuilder();
		for (String test : tests) {
			entries.append((entries.length() == 0) ? "" : ",\n")
				.append("    { \"test\" : \"%s#%s[1]\", \"site\" : \"%s.%s\" }".formatted(suite.getName(), test, SITES,
						test));
		}
		return Files.writeString(this.temp.resolve("baseline.json"),
				"{\n  \"version\" : 1,\n  \"entries\" : [\n" + entries + "\n  ]\n}\n");
	}

	private static String key(Class<?> suite, String test) {
		return suite.getName() + "#" + test + "[1] site=" + SITES + "." + test;
	}

	// the dispositions of the leaks the suite's tests were recorded with
	private static List<RunReport.Disposition> dispositions(Class<?> suite, String... tests) {
		return List.of(tests)
			.stream()
			.flatMap((test) -> RecordedLeaks.dispositions(suite.getName() + "#" + test + "[1]").stream())
			.toList();
	}

	private static List<RunReport.Fixed> fixedOf(Class<?> suite) {
		return TempGuardRuntime.get()
			.recorder()
			.fixed()
			.stream()
			.filter((fixed) -> fixed.test().startsWith(suite.getName() + "#"))
			.toList();
	}

	abstract static class LeakySuite {

		static final Set<String> fixed = ConcurrentHashMap.newKeySet();

		static volatile boolean fourth;

		static volatile boolean failing;

		@Test
		void exports() throws IOException {
			if (!fixed.contains("exports")) {
				leaked.add(Files.createTempFile("baseline-exports-", ".csv"));
			}
		}

		@Test
		void uploads() throws IOException {
			if (!fixed.contains("uploads")) {
				leaked.add(Files.createTempFile("baseline-uploads-", ".tmp"));
			}
		}

		@Test
		void renders() throws IOException {
			if (!fixed.contains("renders")) {
				leaked.add(Files.createTempFile("baseline-renders-", ".pdf"));
			}
		}

		@Test
		void archives() throws IOException {
			if (fourth) {
				leaked.add(Files.createTempFile("baseline-archives-", ".zip"));
			}
		}

		@Test
		void fails() {
			if (failing) {
				throw new AssertionError("fails before it leaks");
			}
		}

	}

	static class KnownSuite extends LeakySuite {

	}

	static class FourthLeakSuite extends LeakySuite {

	}

	static class FixedSuite extends LeakySuite {

	}

	static class StrictSuite extends LeakySuite {

	}

	static class FailingSuite extends LeakySuite {

	}

	static class BrokenBaselineSuite extends LeakySuite {

	}

}
