package dev.tempguard.benchmarks.plain;

import java.io.IOException;

import dev.tempguard.benchmarks.TestWork;

/**
 * The plain JUnit suite's tests: no Spring, no annotation of tempguard's (a user who adds
 * {@code tempguard-junit} gets every test guarded by its launcher listener and its
 * auto-detected Jupiter extension). Each test does the same little real work as the
 * Spring suite's: it creates a temporary file in java.io.tmpdir (the directory
 * tempguard's leak detection watches), writes 64 bytes to it and deletes it.
 */
abstract class PlainTestBase {

	void work() throws IOException {
		TestWork.run();
	}

}
