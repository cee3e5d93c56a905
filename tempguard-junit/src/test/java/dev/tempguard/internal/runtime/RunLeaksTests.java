package dev.tempguard.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.AllowLeaks;
import dev.tempguard.CleanupMode;
import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.report.TestRecord;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.BaselineSettings;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.leak.StartupEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The leaks the run holds, which no test can be failed for (made outside every test, or
 * by a test's thread after the test's class ended): with {@code fail-on-leak}, the next
 * test class whose end can fail fails for them, once, saying it did not make them; they
 * are allowed by the {@code @AllowLeaks} of the test that made them, known from the
 * baseline by the run's id, deleted with {@code delete-untracked}, and recorded against
 * the run. What application contexts leave when they start is never taken. Entries are
 * reported as tempguard's agent reports them, on a runtime of the test's own.
 */
class RunLeaksTests {

	private static final CleanupPolicy FAIL_ON_LEAK = new CleanupPolicy(CleanupMode.ALWAYS, true, false);

	@TempDir
	Path temp;

	private Path watched;

	private TempGuardRuntime runtime;

	@BeforeEach
	void watch() throws IOException {
		this.watched = Files.createDirectory(this.temp.resolve("watched"));
		this.runtime = TestRuntimes.create();
		this.runtime.leakDetector().watch(List.of(this.watched), List.of(), LeakDetectionSettings.Mode.SNAPSHOT);
	}

	@AfterEach
	void stopWatching() {
		this.runtime.leakDetector().close();
	}

	@Test
	void anEntryMadeOutsideEveryTestFailsTheNextTestClassToEndSayingItDidNotMakeIt() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");

		Optional<AssertionError> first = runClass(FirstTests.class, FAIL_ON_LEAK);
		Optional<AssertionError> second = runClass(SecondTests.class, FAIL_ON_LEAK);

		assertThat(first).get().isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.context()).isEqualTo("run");
			assertThat(error.leaks()).singleElement().satisfies((leak) -> {
				assertThat(leak.path()).isEqualTo(outside);
				assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
				assertThat(leak.context()).isEqualTo("run");
			});
			assertThat(error.getMessage())
				.startsWith("tempguard: the run leaked 1 temporary path that no test can be failed for: made outside"
						+ " every test, or by a test's thread after that test's class ended. "
						+ FirstTests.class.getName()
						+ " fails for it only because it is the next test class to end, so that the build shows it;"
						+ " it did not make it:")
				.contains(outside + " (0 bytes; created outside every test, without the registry, and not deleted;"
						+ " creation site unknown: seen by the backstop)");
		});
		assertThat(second).as("reported once").isEmpty();
		assertThat(endRun()).as("reported once").isEmpty();
		assertThat(runRecord().leaks()).singleElement().satisfies((record) -> {
			assertThat(record.leak().path()).isEqualTo(outside);
			assertThat(record.disposition()).isEqualTo(RunReport.Disposition.NEW);
		});
		assertThat(outside).as("reported, not deleted, by default").exists();
	}

	@Test
	void withoutFailOnLeakNoClassFailsAndTheEndOfTheRunReportsIt() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");

		assertThat(runClass(FirstTests.class, CleanupPolicy.DEFAULT)).isEmpty();
		assertThat(endRun()).isEmpty();

		assertThat(runRecord().leaks()).singleElement()
			.satisfies((record) -> assertThat(record.leak().path()).isEqualTo(outside));
	}

	@Test
	void whatNoClassTookFailsTheEndOfTheRunWithFailOnLeakToBeLoggedAsAnError() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");

		Optional<AssertionError> atTheEnd = endRun(FAIL_ON_LEAK);

		assertThat(atTheEnd).get()
			.isInstanceOfSatisfying(TempFileLeakError.class, (error) -> assertThat(error.leaks()).singleElement()
				.satisfies((leak) -> assertThat(leak.path()).isEqualTo(outside)));
	}

	@Test
	void aClassWhoseEndCannotFailLeavesThemToTheNextOneThatCan() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");

		Optional<AssertionError> platformOnly = runClass(FirstTests.class, FAIL_ON_LEAK, false);
		Optional<AssertionError> next = runClass(SecondTests.class, FAIL_ON_LEAK);

		assertThat(platformOnly).isEmpty();
		assertThat(next).get()
			.isInstanceOfSatisfying(TempFileLeakError.class, (error) -> assertThat(error.leaks()).singleElement()
				.satisfies((leak) -> assertThat(leak.path()).isEqualTo(outside)));
	}

	@Test
	void aFileATestsThreadMadeAfterItsClassEndedNamesThatTestAndIsAllowedByItsAllowLeaks() throws IOException {
		TestLifecycle.Opened testClass = open(classNode(AllowingTests.class), FAIL_ON_LEAK);
		TestLifecycle.Opened test = open(
				new TestNode("[test:allowing]", "[class:" + AllowingTests.class.getName() + "]", Scope.Kind.METHOD,
						AllowingTests.class.getName() + "#exports[1]", "exports()", AllowingTests.class, null),
				FAIL_ON_LEAK);
		finish(test, true);
		assertThat(finish(testClass, true)).isEmpty();
		// a thread the test started, still working for it
		Path late = madeBy(test.scope(), "late-1.tmp");
		Path other = madeBy(test.scope(), "other-1.tmp");

		Optional<AssertionError> next = runClass(SecondTests.class, FAIL_ON_LEAK);

		assertThat(next).get().isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.leaks()).singleElement().satisfies((leak) -> {
				assertThat(leak.path()).isEqualTo(other);
				assertThat(leak.reason()).isEqualTo(Leak.Reason.LATE);
				assertThat(leak.context()).isEqualTo(test.scope().id());
			});
			assertThat(error.getMessage()).contains("created after " + test.scope().id() + " ended");
		});
		endRun();
		assertThat(runRecord().leaks()).extracting((record) -> record.leak().path(), TestRecord.LeakRecord::disposition)
			.containsExactlyInAnyOrder(
					tuple(late, RunReport.Disposition.allowed("the exporter finishes in the background", "")),
					tuple(other, RunReport.Disposition.NEW));
	}

	@Test
	void aLeakTheRunHeldIsKnownFromTheBaselineByTheRunsId() throws IOException {
		Path baseline = Files.writeString(this.temp.resolve("baseline.json"),
				"{ \"version\" : 1, \"entries\" : [ { \"test\" : \"run\", \"name\" : \"outside-*.tmp\" } ] }");
		CleanupPolicy withBaseline = new CleanupPolicy(CleanupMode.ALWAYS, true, false,
				new BaselineSettings(baseline, false));
		madeOutsideEveryTest("outside-1.tmp");

		assertThat(runClass(FirstTests.class, withBaseline)).isEmpty();
		endRun();

		assertThat(runRecord().leaks()).singleElement()
			.satisfies((record) -> assertThat(record.disposition())
				.isEqualTo(RunReport.Disposition.known("run name=outside-*.tmp")));
	}

	@Test
	void withDeleteUntrackedItIsDeletedOnceReported() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");

		Optional<AssertionError> error = runClass(FirstTests.class, new CleanupPolicy(CleanupMode.ALWAYS, true, true));

		assertThat(error).get().isInstanceOf(TempFileLeakError.class);
		assertThat(outside).doesNotExist();
	}

	@Test
	void whatAppearsWhileAnApplicationContextStartsIsNeverTaken() throws IOException {
		this.runtime.leakDetector().startupBegan(null);
		Path tomcat = madeOutsideEveryTest("tomcat.0.1");

		Optional<AssertionError> error = runClass(FirstTests.class, FAIL_ON_LEAK);
		this.runtime.leakDetector().startupEnded();

		assertThat(error).isEmpty();
		assertThat(this.runtime.leakDetector().startupLeftovers()).extracting(StartupEntry::path)
			.containsExactly(tomcat);
	}

	@Test
	void aTestClassOfAPlanThatATestLaunchedLeavesThemToTheClassesOfTheBuild() throws IOException {
		Path outside = madeOutsideEveryTest("outside-1.tmp");
		TestLifecycle.Opened host = open(classNode(FirstTests.class), FAIL_ON_LEAK);
		TestLifecycle.Opened launching = open(
				new TestNode("[test:launches]", "[class:" + FirstTests.class.getName() + "]", Scope.Kind.METHOD,
						FirstTests.class.getName() + "#launches[1]", "launches()", FirstTests.class, null),
				FAIL_ON_LEAK);

		TestLifecycle.Opened launched = open(new TestNode("[class:launched]", null, Scope.Kind.CLASS,
				SecondTests.class.getName(), "SecondTests", SecondTests.class, null), FAIL_ON_LEAK);
		Optional<AssertionError> launchedEnd = finish(launched, true);
		finish(launching, true);
		Optional<AssertionError> hostEnd = finish(host, true);

		assertThat(launchedEnd).isEmpty();
		assertThat(hostEnd).get()
			.isInstanceOfSatisfying(TempFileLeakError.class, (error) -> assertThat(error.leaks()).singleElement()
				.satisfies((leak) -> assertThat(leak.path()).isEqualTo(outside)));
	}

	// made by a thread that works for no test while none runs, as the agent reports it
	private Path madeOutsideEveryTest(String name) throws IOException {
		Path entry = Files.createFile(this.watched.resolve(name));
		this.runtime.leakDetector().createdOnThisThread(entry, CreationSite.unknown("seen by the backstop"));
		return entry;
	}

	// made by a thread working for scope, as the agent reports it
	private Path madeBy(Scope scope, String name) throws IOException {
		Scopes.Binding previous = this.runtime.scopes().bind(scope, false);
		try {
			Path entry = Files.createFile(this.watched.resolve(name));
			this.runtime.leakDetector().createdOnThisThread(entry, CreationSite.unknown("seen by the backstop"));
			return entry;
		}
		finally {
			this.runtime.scopes().restore(previous);
		}
	}

	private Optional<AssertionError> runClass(Class<?> testClass, CleanupPolicy policy) {
		return runClass(testClass, policy, true);
	}

	// a test class that the Jupiter extension ends (it can fail), or the JUnit Platform
	// listener only
	private Optional<AssertionError> runClass(Class<?> testClass, CleanupPolicy policy, boolean canFail) {
		return finish(open(classNode(testClass), policy, canFail), canFail);
	}

	private TestLifecycle.Opened open(TestNode node, CleanupPolicy policy) {
		return open(node, policy, true);
	}

	private TestLifecycle.Opened open(TestNode node, CleanupPolicy policy, boolean canFail) {
		TestLifecycle.Opened opened = this.runtime.lifecycle().open(node, policy);
		opened.scope().claim(canFail ? TestLifecycle.EXTENSION : TestLifecycle.PLATFORM);
		return opened;
	}

	private Optional<AssertionError> finish(TestLifecycle.Opened opened, boolean canFail) {
		try {
			return this.runtime.lifecycle().finish(opened.scope(), canFail);
		}
		finally {
			this.runtime.lifecycle().unbind(opened);
		}
	}

	private Optional<AssertionError> endRun() {
		return endRun(CleanupPolicy.DEFAULT);
	}

	private Optional<AssertionError> endRun(CleanupPolicy policy) {
		return ScopeEnd.finish(this.runtime, this.runtime.scopes().run(), policy, false);
	}

	private TestRecord runRecord() {
		return this.runtime.recorder()
			.records()
			.stream()
			.filter((record) -> record.context().equals("run"))
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no record of the run"));
	}

	private static TestNode classNode(Class<?> testClass) {
		return new TestNode("[class:" + testClass.getName() + "]", null, Scope.Kind.CLASS, testClass.getName(),
				testClass.getSimpleName(), testClass, null);
	}

	static class FirstTests {

	}

	static class SecondTests {

	}

	@AllowLeaks(reason = "the exporter finishes in the background", paths = "late-*")
	static class AllowingTests {

	}

}
