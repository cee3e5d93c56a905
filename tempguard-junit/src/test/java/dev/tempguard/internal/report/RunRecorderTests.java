package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tempguard.CleanupResult;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the recorder keeps for the report stays bounded however many tests run, and never
 * drops a test that failed, leaked or kept files.
 */
class RunRecorderTests {

	private final Scopes scopes = new Scopes();

	private final RunRecorder recorder = new RunRecorder();

	@Test
	void beyondTheLargestCleanTestsTheOthersOfAClassAreAddedUpIntoOneRecord() {
		int tests = RunRecorder.LARGEST_TESTS + 500;
		for (int i = 0; i < tests; i++) {
			clean("test", i % 7, 10);
		}

		List<TestRecord> records = this.recorder.records();

		assertThat(records).hasSize(RunRecorder.LARGEST_TESTS + 1);
		TestRecord addedUp = records.get(records.size() - 1);
		assertThat(addedUp.kind()).isEqualTo("tests");
		assertThat(addedUp.context()).isEqualTo(RunRecorderTests.class.getName() + "#(500 more clean tests, added up)");
		assertThat(records.stream().mapToInt(TestRecord::files).sum()).as("files of all tests")
			.isEqualTo(tests / 7 * (0 + 1 + 2 + 3 + 4 + 5 + 6) + sumOfRest(tests));
		assertThat(records.stream().filter((record) -> record.kind().equals("method")))
			.as("the ones kept one by one made the most files")
			.allSatisfy((record) -> assertThat(record.files()).isGreaterThanOrEqualTo(addedUp.files() / 500));
	}

	@Test
	void testsThatFailedLeakedOrKeptFilesAreAlwaysKeptOneByOne() {
		for (int i = 0; i < RunRecorder.LARGEST_TESTS * 2; i++) {
			clean("clean", 1, 1);
		}
		Scope failed = this.scopes.openMethod(RunRecorderTests.class, "failed");
		failed.markFailed();
		record(failed, List.of());
		Scope leaked = this.scopes.openMethod(RunRecorderTests.class, "leaked");
		record(leaked, List.of(new Leak(leaked.id(), Path.of("/tmp/x"), Leak.Reason.UNTRACKED, 1, 1, null)));

		assertThat(this.recorder.records()).extracting(TestRecord::context)
			.contains(failed.id(), leaked.id())
			.hasSize(RunRecorder.LARGEST_TESTS + 3);
		assertThat(this.recorder.recentLeaks()).singleElement()
			.satisfies((leak) -> assertThat(leak.context()).isEqualTo(leaked.id()));
	}

	@Test
	void recordsTheDisplayNameAndTheDispositionOfEachLeak() {
		Scope scope = this.scopes.openMethod(RunRecorderTests.class, "leaks");
		scope.displayName("RunRecorderTests > leaks(String) > [1] \"x\"");
		Leak allowed = new Leak(scope.id(), Path.of("/tmp/a"), Leak.Reason.UNTRACKED, 1, 1, null);
		Leak known = new Leak(scope.id(), Path.of("/tmp/b"), Leak.Reason.LATE, 1, 1, null);
		Leak fresh = new Leak(scope.id(), Path.of("/tmp/c"), Leak.Reason.UNTRACKED, 1, 1, null);
		RunReport.Disposition allowance = RunReport.Disposition.allowed("flaky library", "GH-1");

		this.recorder.record(scope,
				new ScopeCleanup(scope.id(), CleanupResult.empty(), List.of(), 0, 0, Duration.ofNanos(1)),
				List.of(allowed, known, fresh),
				Map.of(allowed, allowance, known, RunReport.Disposition.known("key"))::get);

		TestRecord record = this.recorder.records().get(0);
		assertThat(record.displayName()).isEqualTo("RunRecorderTests > leaks(String) > [1] \"x\"");
		assertThat(record.leaks()).extracting(TestRecord.LeakRecord::disposition)
			.containsExactly(allowance, RunReport.Disposition.known("key"), RunReport.Disposition.NEW);
		Counters counters = new Counters();
		assertThat(this.recorder.findings(counters)).satisfies((findings) -> {
			assertThat(findings.newLeaks()).isEqualTo(1);
			assertThat(findings.allowed()).isEqualTo(1);
			assertThat(findings.known()).isEqualTo(1);
		});
	}

	@Test
	void aFrameworkLeftoverOrFixedEntryRecordedAgainReplacesTheFirst() {
		Scope classScope = this.scopes.openClass(RunRecorderTests.class);
		Path tomcat = Path.of("/tmp/tomcat.0.8080");
		this.recorder.frameworkLeftover(tomcat, 10, 2, "Tomcat work directory",
				RunReport.Leftover.Status.DELETE_AT_EXIT, null, classScope.id());
		this.recorder.frameworkLeftover(Path.of("/tmp/other"), 1, 1, null, RunReport.Leftover.Status.LEFT, null, null);
		this.recorder.frameworkLeftover(tomcat, 10, 2, "Tomcat work directory", RunReport.Leftover.Status.DELETE_FAILED,
				"AccessDeniedException", classScope.id());
		this.recorder.fixed("k", "T#a", "first");
		this.recorder.fixed("k", "T#a", "second");

		assertThat(this.recorder.leftovers()).containsExactly(
				new RunReport.Leftover(0, tomcat.toString(), 10, 2, "Tomcat work directory", "delete-failed",
						"AccessDeniedException", classScope.id()),
				new RunReport.Leftover(0, "/tmp/other", 1, 1, "", "left", "", ""));
		assertThat(this.recorder.fixed()).containsExactly(new RunReport.Fixed("k", "T#a", "second"));
		assertThat(this.recorder.findings(new Counters()).leftoversLeft()).isEqualTo(2);
	}

	private static int sumOfRest(int tests) {
		int sum = 0;
		for (int i = tests / 7 * 7; i < tests; i++) {
			sum += i % 7;
		}
		return sum;
	}

	private void clean(String method, int files, long bytes) {
		Scope scope = this.scopes.openMethod(RunRecorderTests.class, method);
		this.recorder.record(scope,
				new ScopeCleanup(scope.id(), CleanupResult.empty(), List.of(), files, bytes, Duration.ofNanos(1)),
				List.of());
		this.scopes.close(scope);
	}

	private void record(Scope scope, List<Leak> untracked) {
		this.recorder.record(scope,
				new ScopeCleanup(scope.id(), CleanupResult.empty(), List.of(), 0, 0, Duration.ofNanos(1)), untracked);
	}

}
