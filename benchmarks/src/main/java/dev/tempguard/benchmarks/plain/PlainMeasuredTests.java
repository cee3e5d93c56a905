package dev.tempguard.benchmarks.plain;

import java.io.IOException;

import org.junit.jupiter.api.RepeatedTest;

/** The timed part of the plain suite: 2,000 tests. */
public class PlainMeasuredTests extends PlainTestBase {

	@RepeatedTest(2000)
	void test() throws IOException {
		work();
	}

}
