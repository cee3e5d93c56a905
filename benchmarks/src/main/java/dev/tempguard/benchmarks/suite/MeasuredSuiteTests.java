package dev.tempguard.benchmarks.suite;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** The timed part of the synthetic suite: 2,000 test methods on the cached context. */
class MeasuredSuiteTests extends SuiteTestBase {

	static final int TESTS = 2000;

	@RepeatedTest(TESTS)
	void test() throws IOException {
		work();
	}

}
