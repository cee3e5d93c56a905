package dev.tempguard.benchmarks.suite;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** The timed part of the synthetic suite: 2,000 test methods on the cached context. */
public class MeasuredSuiteTests extends SuiteTestBase {

	@RepeatedTest(2000)
	void test() throws IOException {
		work();
	}

}
