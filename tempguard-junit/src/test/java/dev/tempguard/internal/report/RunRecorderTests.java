package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tempguard.CleanupResult;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;

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
