package dev.tempguard.benchmarks.suite;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** Runs first: loads the shared context and warms the JIT up; not timed. */
public class WarmUpSuiteTests extends SuiteTestBase {

	@RepeatedTest(10_000)
	void warmUp() throws IOException {
		work();
	}

}
