package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The little real work each test of the synthetic suites does: a temporary file in
 * java.io.tmpdir (the directory tempguard's leak detection watches), 64 bytes written to
 * it, and deleted.
 */
public final class TestWork {

	private static final byte[] CONTENT = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);

	private TestWork() {
	}

	public static void run() throws IOException {
		Path file = Files.createTempFile("suite-", ".txt");
		Files.write(file, CONTENT);
		Files.delete(file);
	}

}
