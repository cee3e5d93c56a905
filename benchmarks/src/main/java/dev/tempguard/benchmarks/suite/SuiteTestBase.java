package dev.tempguard.benchmarks.suite;

import java.io.IOException;

import dev.tempguard.benchmarks.TestWork;

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

	void work() throws IOException {
		TestWork.run();
	}

}
