package dev.tempguard.benchmarks.plain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plain JUnit suite's tests: no Spring, no annotation of tempguard's (a user who adds
 * {@code tempguard-junit} gets every test guarded by its launcher listener and its
 * auto-detected Jupiter extension). Each test does the same little real work as the
 * Spring suite's: it creates a temporary file in java.io.tmpdir (the directory
 * tempguard's leak detection watches), writes 64 bytes to it and deletes it.
 */
abstract class PlainTestBase {

	private static final byte[] CONTENT = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);

	void work() throws IOException {
		Path file = Files.createTempFile("suite-", ".txt");
		Files.write(file, CONTENT);
		Files.delete(file);
	}

}
