package dev.tempguard.benchmarks.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The synthetic suite's tests share one cached application context (same configuration
 * and properties). Each test does a little real work with plain java.nio: it creates a
 * temporary file in java.io.tmpdir (the directory tempguard's leak detection watches),
 * writes 64 bytes to it and deletes it.
 */
@SpringBootTest(classes = SuiteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.main.banner-mode=off", "logging.level.root=warn" })
abstract class SuiteTestBase {

	private static final byte[] CONTENT = "0123456789abcdef".repeat(4).getBytes(StandardCharsets.US_ASCII);

	void work() throws IOException {
		Path file = Files.createTempFile("suite-", ".txt");
		Files.write(file, CONTENT);
		Files.delete(file);
	}

}
