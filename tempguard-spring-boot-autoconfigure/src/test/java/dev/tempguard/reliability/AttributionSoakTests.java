package dev.tempguard.reliability;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.integration.FixtureApplication;
import dev.tempguard.testing.LauncherRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded soak of attribution: plain and Spring test classes run through a real JUnit
 * Platform launcher with classes and methods concurrent; each test plants, at random,
 * leaks made on its own thread, on threads it starts and in an executor it creates, by
 * every JDK API tempguard intercepts, among files it makes and deletes. With
 * {@code fail-on-leak}, exactly the tests that planted leaks fail, each naming exactly
 * the paths it planted, and no other test or class fails.
 * <p>
 * The seed is printed; {@code -Dtempguard.soak.seed=<seed>} plants the same leaks again
 * (the interleaving is the scheduler's).
 */
class AttributionSoakTests {

	static final int TESTS_PER_CLASS = 6;

	static final String ROOT_DIR = "target/tempguard-attribution-soak";

	private static final List<Class<?>> FIXTURES = List.of(Plain1.class, Plain2.class, Plain3.class, Spring1.class,
			Spring2.class, Spring3.class);

	static volatile long seed;

	/** The paths each test planted, by its context id. */
	static final Map<String, Set<Path>> planted = new ConcurrentHashMap<>();

	@AfterEach
	void deleteWhatWasPlanted() throws IOException {
		for (Set<Path> paths : planted.values()) {
			for (Path path : paths) {
				Files.deleteIfExists(path);
			}
		}
	}

	@Test
	@Timeout(300)
	void everyPlantedLeakIsReportedAgainstTheTestThatMadeItAndAgainstNoOther() {
		seed = Long.getLong("tempguard.soak.seed", new SecureRandom().nextLong());
		System.out.println("[attribution soak] seed=" + seed + " (repeat with -Dtempguard.soak.seed=" + seed + ")");
		planted.clear();

		LauncherRuns.Results results = LauncherRuns.run(FIXTURES, "junit.jupiter.execution.parallel.enabled=true",
				"junit.jupiter.execution.parallel.mode.default=concurrent",
				"junit.jupiter.execution.parallel.mode.classes.default=concurrent",
				"junit.jupiter.execution.parallel.config.strategy=fixed",
				"junit.jupiter.execution.parallel.config.fixed.parallelism=4", "tempguard.fail-on-leak=true");

		try {
			assertThat(results.tests()).hasSize(FIXTURES.size() * TESTS_PER_CLASS);
			assertThat(results.containers()).as("no class fails")
				.allSatisfy(
						(container) -> assertThat(container.failure()).as("%s", container.identifier().getDisplayName())
							.isNull());
			Map<String, Set<Path>> expected = planted.entrySet()
				.stream()
				.filter((entry) -> !entry.getValue().isEmpty())
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			Map<String, Set<Path>> reported = new ConcurrentHashMap<>();
			for (LauncherRuns.Finished test : results.tests()) {
				if (test.succeeded()) {
					continue;
				}
				assertThat(test.failure()).as("%s fails only for its leaks", test.identifier().getDisplayName())
					.isInstanceOf(TempFileLeakError.class);
				TempFileLeakError error = (TempFileLeakError) test.failure();
				assertThat(error.leaks()).allSatisfy((leak) -> {
					assertThat(leak.context()).isEqualTo(error.context());
					assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
					assertThat(leak.site()).isNotNull();
					assertThat(leak.site().known()).as("where %s was made is known", leak.path()).isTrue();
				});
				reported.put(error.context(), error.leaks().stream().map(Leak::path).collect(Collectors.toSet()));
			}
			assertThat(reported).as("what each test was reported to have leaked").isEqualTo(expected);
			System.out.println("[attribution soak] seed=" + seed + ": " + results.tests().size() + " tests, "
					+ expected.size() + " of them leaked " + expected.values().stream().mapToInt(Set::size).sum()
					+ " paths, each reported against its test");
		}
		catch (AssertionError ex) {
			throw new AssertionError(
					"attribution soak failed with -Dtempguard.soak.seed=" + seed + ": " + ex.getMessage(), ex);
		}
	}

	/** What a test does: derived from the seed and the test's name only. */
	static void plant(String context, String name) {
		Random random = new Random(seed ^ name.hashCode());
		Set<Path> paths = planted.computeIfAbsent(context, (key) -> ConcurrentHashMap.newKeySet());
		try {
			for (int operations = 2 + random.nextInt(5); operations > 0; operations--) {
				boolean leak = random.nextInt(3) == 0;
				Path made = switch (random.nextInt(6)) {
					case 0 -> Files.createTempFile("soak-", ".tmp");
					case 1 -> onThread(() -> Files.createTempFile("soak-thread-", ".tmp"));
					case 2 -> inExecutor(() -> Files.createTempDirectory("soak-pool-"));
					case 3 -> File.createTempFile("soak-io-", ".tmp").toPath();
					case 4 -> written(tmp().resolve("soak-stream-" + random.nextLong() + ".txt"));
					default -> onThread(() -> written(tmp().resolve("soak-thread-stream-" + random.nextLong())));
				};
				if (leak) {
					paths.add(made.toAbsolutePath());
				}
				else {
					Files.delete(made);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path tmp() {
		return Path.of(System.getProperty("java.io.tmpdir"));
	}

	private static Path written(Path file) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(42);
		}
		return file;
	}

	private static Path onThread(IoSupplier supplier) throws IOException {
		Path[] made = new Path[1];
		IOException[] failed = new IOException[1];
		Thread thread = new Thread(() -> {
			try {
				made[0] = supplier.get();
			}
			catch (IOException ex) {
				failed[0] = ex;
			}
		});
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (failed[0] != null) {
			throw failed[0];
		}
		return made[0];
	}

	private static Path inExecutor(IoSupplier supplier) throws IOException {
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			return executor.submit(supplier::get).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IOException(ex);
		}
		finally {
			executor.shutdown();
		}
	}

	@FunctionalInterface
	interface IoSupplier {

		Path get() throws IOException;

	}

	abstract static class PlainSoak {

		void work(TempFileRegistry registry, TestInfo info) {
			plant(registry.currentContext().orElseThrow(), getClass().getName() + info.getDisplayName());
		}

		@Test
		void first(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

		@Test
		void second(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

		@Test
		void third(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

		@Test
		void fourth(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

		@Test
		void fifth(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

		@Test
		void sixth(TempFileRegistry registry, TestInfo info) {
			work(registry, info);
		}

	}

	@Execution(ExecutionMode.CONCURRENT)
	static class Plain1 extends PlainSoak {

	}

	@Execution(ExecutionMode.CONCURRENT)
	static class Plain2 extends PlainSoak {

	}

	@Execution(ExecutionMode.CONCURRENT)
	static class Plain3 extends PlainSoak {

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + ROOT_DIR, "tempguard.fail-on-leak=true" })
	@Execution(ExecutionMode.CONCURRENT)
	abstract static class SpringSoak {

		@Autowired
		TempFileRegistry registry;

		void work(TestInfo info) {
			plant(this.registry.currentContext().orElseThrow(), getClass().getName() + info.getDisplayName());
		}

		@Test
		void first(TestInfo info) {
			work(info);
		}

		@Test
		void second(TestInfo info) {
			work(info);
		}

		@Test
		void third(TestInfo info) {
			work(info);
		}

		@Test
		void fourth(TestInfo info) {
			work(info);
		}

		@Test
		void fifth(TestInfo info) {
			work(info);
		}

		@Test
		void sixth(TestInfo info) {
			work(info);
		}

	}

	static class Spring1 extends SpringSoak {

	}

	static class Spring2 extends SpringSoak {

	}

	static class Spring3 extends SpringSoak {

	}

}
