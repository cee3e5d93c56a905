package dev.tempguard.benchmarks.plain;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** Runs first: warms the JIT up; not timed. */
public class PlainWarmUpTests extends PlainTestBase {

	@RepeatedTest(20_000)
	void warmUp() throws IOException {
		work();
	}

}
