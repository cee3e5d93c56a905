package dev.tempguard.junit;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.tempguard.AllowLeaks;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.testing.LauncherRuns;
import dev.tempguard.testing.RecordedLeaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link AllowLeaks} on plain test methods and classes, run through a real JUnit Platform
 * launcher with {@code tempguard.fail-on-leak=true}: what it allows is still detected,
 * deleted where {@code delete-untracked} says so, and reported as allowed with its reason
 * and issue, but fails nothing; narrowed, it allows only what matches; without a reason,
 * it fails the test or class, naming it.
 */
class AllowLeaksIntegrationTests {

	static final List<Path> leaked = new CopyOnWriteArrayList<>();

	@AfterEach
	void deleteWhatTheFixturesLeaked() throws IOException {
		for (Path path : leaked) {
			Files.deleteIfExists(path);
		}
		leaked.clear();
	}

	@Test
	void anAllowedLeakFailsNothingAndIsReportedAsAllowedWithItsReasonAndIssue() {
		LauncherRuns.Results results = LauncherRuns.run(AllowedTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("allowed").succeeded()).isTrue();
		assertThat(dispositions(AllowedTests.class, "allowed"))
			.containsExactly(RunReport.Disposition.allowed("the renderer keeps its fonts", "GH-12"));
		assertThat(leaked).singleElement().satisfies((path) -> assertThat(path).exists());
	}

	@Test
	void anAllowedLeakIsStillDeletedWithDeleteUntracked() {
		LauncherRuns.Results results = LauncherRuns.run(AllowedTests.class, "tempguard.fail-on-leak=true",
				"tempguard.leak-detection.delete-untracked=true");

		assertThat(results.test("allowed").succeeded()).isTrue();
		assertThat(leaked).singleElement().satisfies((path) -> assertThat(path).doesNotExist());
	}

	@Test
	void withoutAReasonTheTestFailsNamingItEvenWhenItLeaksNothing() {
		LauncherRuns.Results results = LauncherRuns.run(NoReasonTests.class);

		assertThat(results.test("noReason").failure()).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("tempguard: @AllowLeaks on " + NoReasonTests.class.getName() + "#noReason[1] gives no"
					+ " reason; say why its leaks are allowed, as in @AllowLeaks(reason = \"the PDF renderer keeps"
					+ " its fonts in /tmp\", issue = \"GH-12\")");
		assertThat(results.test("withReason").succeeded()).isTrue();
	}

	@Test
	void onAClassItAllowsTheLeaksOfItsTestsItsClassContextAndItsNestedClasses() {
		LauncherRuns.Results results = LauncherRuns.run(AllowedClassTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.tests()).hasSize(2).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		assertThat(results.container(AllowedClassTests.class.getSimpleName()).succeeded()).isTrue();
		assertThat(RecordedLeaks.dispositions(AllowedClassTests.class.getName()))
			.containsExactly(RunReport.Disposition.allowed("legacy exporter", ""));
		assertThat(dispositions(AllowedClassTests.class, "leaks"))
			.containsExactly(RunReport.Disposition.allowed("legacy exporter", ""));
		assertThat(dispositions(AllowedClassTests.Inner.class, "leaksToo"))
			.containsExactly(RunReport.Disposition.allowed("legacy exporter", ""));
	}

	@Test
	void onAnAnnotationOfTheUsersItAllowsTheLeaksOfTheClassesItAnnotatesAndTheirSubclasses() {
		LauncherRuns.Results results = LauncherRuns.run(ComposedSubclassTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.tests()).singleElement().satisfies((test) -> assertThat(test.succeeded()).isTrue());
		assertThat(dispositions(ComposedSubclassTests.class, "leaks"))
			.containsExactly(RunReport.Disposition.allowed("the PDF library's font cache", "SHOP-7"));
	}

	@Test
	void onAClassWithoutAReasonItFailsTheClassNamingIt() {
		LauncherRuns.Results results = LauncherRuns.run(NoReasonClassTests.class);

		assertThat(results.container(NoReasonClassTests.class.getSimpleName()).failure()).hasMessageStartingWith(
				"tempguard: @AllowLeaks on " + NoReasonClassTests.class.getName() + " gives no" + " reason");
		assertThat(results.tests()).isEmpty();
	}

	@Test
	void narrowedToPathsItAllowsOnlyTheLeaksWhoseNameMatches() {
		LauncherRuns.Results results = LauncherRuns.run(NarrowedTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("matchingPath").succeeded()).isTrue();
		assertThat(leaks(NarrowedTests.class, "matchingPath")).as("seen, and allowed")
			.containsExactly(tuple("fonts-", RunReport.Disposition.allowed("fonts", "")));
		assertThat(results.test("otherPath").failure()).isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.leaks()).singleElement()
				.satisfies((leak) -> assertThat(leak.path().getFileName().toString()).startsWith("other-"));
			assertThat(error.getMessage()).startsWith("tempguard: " + NarrowedTests.class.getName()
					+ "#otherPath[1] leaked 1 temporary path that its @AllowLeaks does not allow (@AllowLeaks on "
					+ NarrowedTests.class.getName() + "#otherPath[1] allows only paths fonts-*.tmp):");
		});
		assertThat(leaks(NarrowedTests.class, "otherPath")).containsExactlyInAnyOrder(
				tuple("fonts-", RunReport.Disposition.allowed("fonts", "")),
				tuple("other-", RunReport.Disposition.NEW));
	}

	@Test
	void narrowedToSitesItAllowsOnlyTheLeaksMadeThere() {
		LauncherRuns.Results results = LauncherRuns.run(NarrowedTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("madeByTheRenderer").succeeded()).isTrue();
		assertThat(leaks(NarrowedTests.class, "madeByTheRenderer")).as("seen, and allowed")
			.containsExactly(tuple("rendered-", RunReport.Disposition.allowed("the renderer", "")));
		assertThat(results.test("madeElsewhere").failure()).isInstanceOf(TempFileLeakError.class)
			.hasMessageContaining("that its @AllowLeaks does not allow (@AllowLeaks on " + NarrowedTests.class.getName()
					+ "#madeElsewhere[1] allows only leaks made at " + Renderer.class.getName() + ".render)");
		assertThat(leaks(NarrowedTests.class, "madeElsewhere"))
			.containsExactly(tuple("elsewhere-", RunReport.Disposition.NEW));
	}

	@Test
	void aPathThatIsNotAGlobFailsTheTestNamingIt() {
		LauncherRuns.Results results = LauncherRuns.run(NotAGlobTests.class);

		assertThat(results.test("notAGlob").failure()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("tempguard: @AllowLeaks on " + NotAGlobTests.class.getName()
					+ "#notAGlob[1] has the path \"report-[.csv\", which is not a glob");
	}

	private static List<RunReport.Disposition> dispositions(Class<?> testClass, String test) {
		return RecordedLeaks.dispositions(testClass.getName() + "#" + test + "[1]");
	}

	// each leak the test was recorded with: the prefix of its name, as leak() made it,
	// and its disposition
	private static List<Tuple> leaks(Class<?> testClass, String test) {
		return RecordedLeaks.leaks(testClass.getName() + "#" + test + "[1]").stream().map((record) -> {
			assertThat(leaked).as("one the test made").contains(record.leak().path());
			String name = record.leak().path().getFileName().toString();
			return tuple(name.substring(0, name.indexOf('-') + 1), record.disposition());
		}).toList();
	}

	private static void leak(String prefix) throws IOException {
		leaked.add(Files.createTempFile(prefix, ".tmp"));
	}

	static class AllowedTests {

		@Test
		@AllowLeaks(reason = "the renderer keeps its fonts", issue = "GH-12")
		void allowed() throws IOException {
			leak("allowed-");
		}

	}

	static class NoReasonTests {

		@Test
		@AllowLeaks(reason = " ")
		void noReason() {
		}

		@Test
		@AllowLeaks(reason = "a reason")
		void withReason() {
		}

	}

	@AllowLeaks(reason = "legacy exporter")
	static class AllowedClassTests {

		@BeforeAll
		static void leaksForTheClass() throws IOException {
			leak("before-all-");
		}

		@Test
		void leaks() throws IOException {
			leak("class-");
		}

		@Nested
		class Inner {

			@Test
			void leaksToo() throws IOException {
				leak("nested-");
			}

		}

	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@AllowLeaks(reason = "the PDF library's font cache", issue = "SHOP-7")
	@interface KnownPdfLeak {

	}

	@KnownPdfLeak
	abstract static class ComposedTests {

	}

	static class ComposedSubclassTests extends ComposedTests {

		@Test
		void leaks() throws IOException {
			leak("composed-");
		}

	}

	@AllowLeaks(reason = "")
	static class NoReasonClassTests {

		@Test
		void leaks() throws IOException {
			leak("no-reason-");
		}

	}

	static class NarrowedTests {

		@Test
		@AllowLeaks(reason = "fonts", paths = "fonts-*.tmp")
		void matchingPath() throws IOException {
			leak("fonts-");
		}

		@Test
		@AllowLeaks(reason = "fonts", paths = "fonts-*.tmp")
		void otherPath() throws IOException {
			leak("fonts-");
			leak("other-");
		}

		@Test
		@AllowLeaks(reason = "the renderer", sites = "dev.tempguard.junit.AllowLeaksIntegrationTests$Renderer")
		void madeByTheRenderer() throws IOException {
			Renderer.render();
		}

		@Test
		@AllowLeaks(reason = "the renderer", sites = "dev.tempguard.junit.AllowLeaksIntegrationTests$Renderer.render")
		void madeElsewhere() throws IOException {
			leak("elsewhere-");
		}

	}

	static class NotAGlobTests {

		@Test
		@AllowLeaks(reason = "reports", paths = "report-[.csv")
		void notAGlob() {
		}

	}

	static final class Renderer {

		private Renderer() {
		}

		static void render() throws IOException {
			leak("rendered-");
		}

	}

}
