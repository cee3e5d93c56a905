package dev.tempguard.benchmarks.suite;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** Runs first: loads the shared context and warms the JIT up; not timed. */
class WarmUpSuiteTests extends SuiteTestBase {

	@RepeatedTest(1000)
	void warmUp() throws IOException {
		work();
	}

}
