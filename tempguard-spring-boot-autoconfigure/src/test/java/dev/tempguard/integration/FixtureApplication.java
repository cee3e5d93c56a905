package dev.tempguard.integration;

import java.nio.file.Path;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tempguard.TempFileRegistry;

/**
 * The application that the fixture test classes start: tempguard's auto-configuration and
 * one endpoint that creates a temporary file on a server request thread.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ FixtureApplication.FileController.class, FixtureApplication.LeakyService.class })
public class FixtureApplication {

	/** Where the fixtures' root-dir is, relative to the module. */
	public static final String ROOT_DIR = "target/tempguard-it";

	/**
	 * A pool whose threads start with the application, like an {@code @Async} pool: bound
	 * to no test.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService startupPool() {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		pool.prestartAllCoreThreads();
		return pool;
	}

	/** Code under test that forgets its temporary files. */
	static class LeakyService {

		Path export(String prefix) throws java.io.IOException {
			return java.nio.file.Files.createTempFile(prefix, ".csv");
		}

		Path workDirectory(String prefix) throws java.io.IOException {
			Path directory = java.nio.file.Files.createTempDirectory(prefix);
			java.nio.file.Files.writeString(directory.resolve("part-1.txt"), "12345");
			java.nio.file.Files.writeString(directory.resolve("part-2.txt"), "678");
			return directory;
		}

	}

	@RestController
	static class FileController {

		private final TempFileRegistry registry;

		FileController(TempFileRegistry registry) {
			this.registry = registry;
		}

		@GetMapping("/file")
		String createFile() {
			Path file = this.registry.createFile("made on " + Thread.currentThread().getName(), "txt");
			return this.registry.currentContext().orElse("run") + "\n" + file + "\n" + Thread.currentThread().getName();
		}

	}

}
