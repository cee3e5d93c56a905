package dev.tempguard.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.Leak;
import dev.tempguard.TempDirectory;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.integration.FixtureApplication;
import dev.tempguard.integration.FixtureRuns;
import dev.tempguard.internal.report.TestRecord;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A randomized soak: {@value #INVOCATIONS} invocations of a real {@code @SpringBootTest},
 * four at a time, each doing random file operations through the registry and by other
 * means, some failing in {@code @BeforeEach}, the test or {@code @AfterEach}, some
 * leaving an untracked file in the watched directory. Afterwards nothing is left in
 * root-dir's run directory (but tempguard's own lock file) nor in the watched directory,
 * every forgotten entry is reported against the test that made it, and the accounting
 * holds: created = deleted + leaked + kept.
 * <p>
 * Seeded and reproducible in what each invocation does (not in how the four interleave):
 * the seed is printed, and {@code -Dtempguard.soak.seed=<seed>} runs the same operations
 * again. Bounded: a fixed number of operations (how long it takes is for the benchmarks
 * to say; the timeout only ends a hang). The fixture uses a root-dir and a watched
 * directory of its own, so no other test disturbs it.
 */
class SoakTests {

	static final int INVOCATIONS = 120;

	static final int MAX_SECONDS = 60;

	static final String DIRECTORY = "target/tempguard-soak";

	static final String ROOT_DIR = DIRECTORY + "/root";

	static final String WATCHED = DIRECTORY + "/watched";

	private static final String[] PARALLEL = { "junit.jupiter.execution.parallel.enabled=true",
			"junit.jupiter.execution.parallel.mode.default=concurrent",
			"junit.jupiter.execution.parallel.config.strategy=fixed",
			"junit.jupiter.execution.parallel.config.fixed.parallelism=4" };

	static volatile long seed;

	/** Every path an invocation made, tracked or not. */
	static final Queue<Path> made = new ConcurrentLinkedQueue<>();

	/** Paths created or registered through the registry. */
	static final AtomicLong tracked = new AtomicLong();

	/**
	 * Entries deliberately left in the watched directory, and the context that left each.
	 */
	static final Map<Path, String> untrackedLeft = new ConcurrentHashMap<>();

	static final AtomicLong operations = new AtomicLong();

	@Test
	@Timeout(MAX_SECONDS * 2)
	void manyParallelTestsDoingRandomFileOperationsAndFailingAtRandomLeaveNothingAndTheAccountingHolds()
			throws IOException {
		long seed = Long.getLong("tempguard.soak.seed", new SecureRandom().nextLong());
		System.out.println("[soak] seed=" + seed + " (repeat with -Dtempguard.soak.seed=" + seed + ")");
		SoakTests.seed = seed;
		made.clear();
		tracked.set(0);
		untrackedLeft.clear();
		operations.set(0);
		Path watched = Files.createDirectories(Path.of(WATCHED)).toAbsolutePath();
		Path root = Files.createDirectories(Path.of(ROOT_DIR)).toAbsolutePath();
		Set<String> watchedBefore = names(watched);
		Counters counters = TempGuardRuntime.get().counters();
		long created = counters.created();
		long deleted = counters.deleted();
		long leaked = counters.leaked();
		long kept = counters.kept();
		long failures = counters.cleanupFailures();
		long untracked = counters.untrackedLeaks();
		int plannedFailures = 0;
		for (int repetition = 1; repetition <= INVOCATIONS; repetition++) {
			plannedFailures += (Plan.of(seed, repetition).failIn() != Phase.NONE) ? 1 : 0;
		}
		long start = System.nanoTime();

		EngineExecutionResults results = FixtureRuns.run(Soak.class, PARALLEL);

		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		System.out.println("[soak] seed=" + seed + ": " + INVOCATIONS + " tests, " + operations.get() + " operations, "
				+ tracked.get() + " tracked paths, " + untrackedLeft.size() + " untracked leaks, " + millis + " ms");
		try {
			results.testEvents().assertStatistics((stats) -> stats.started(INVOCATIONS));
			List<Throwable> testFailures = results.testEvents()
				.failed()
				.stream()
				.map(FixtureRuns::throwableOf)
				.toList();
			assertThat(testFailures).as("only the planned failures").hasSize(plannedFailures).allSatisfy((failure) -> {
				assertThat(failure).isInstanceOf(PlannedFailure.class);
				assertThat(failure.getSuppressed()).as("nothing of tempguard's").isEmpty();
			});
			assertThat(results.containerEvents().failed().count()).as("container failures").isZero();
			// nothing left
			assertThat(made).isNotEmpty()
				.allSatisfy((path) -> assertThat(Files.exists(path, LinkOption.NOFOLLOW_LINKS)).as("%s left", path)
					.isFalse());
			assertThat(names(watched)).as("watched directory").isEqualTo(watchedBefore);
			try (Stream<Path> runDirectories = Files.list(root)) {
				for (Path runDirectory : runDirectories.toList()) {
					assertThat(runDirectory.getFileName().toString()).startsWith("run-");
					assertThat(names(runDirectory)).as("run directory").isSubsetOf("tempguard.lock");
				}
			}
			// the accounting
			long createdNow = counters.created() - created;
			assertThat(createdNow).as("created").isEqualTo(tracked.get());
			assertThat(createdNow).as("created = deleted + leaked + kept")
				.isEqualTo((counters.deleted() - deleted) + (counters.leaked() - leaked) + (counters.kept() - kept));
			assertThat(counters.leaked() - leaked).as("leaked").isZero();
			assertThat(counters.kept() - kept).as("kept").isZero();
			assertThat(counters.cleanupFailures() - failures).as("cleanup failures").isZero();
			// every forgotten entry is reported once, against the test that made it (and,
			// being deleted once reported, is checked gone above)
			assertThat(counters.untrackedLeaks() - untracked).as("untracked leaks").isEqualTo(untrackedLeft.size());
			Map<Path, String> reported = TempGuardRuntime.get()
				.recorder()
				.records()
				.stream()
				.flatMap((record) -> record.leaks().stream())
				.map(TestRecord.LeakRecord::leak)
				.filter((leak) -> untrackedLeft.containsKey(leak.path()))
				.collect(Collectors.toMap(Leak::path, Leak::context));
			assertThat(reported).as("who each forgotten entry was reported against").isEqualTo(untrackedLeft);
			assertThat(Soak.registry.stats().filesByContext().keySet()).as("open contexts of the soak")
				.noneMatch((context) -> context.startsWith(Soak.class.getName()));
		}
		catch (AssertionError ex) {
			throw new AssertionError("soak failed with -Dtempguard.soak.seed=" + seed + ": " + ex.getMessage(), ex);
		}
	}

	private static Set<String> names(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).collect(Collectors.toSet());
		}
	}

	enum Phase {

		NONE, BEFORE_EACH, TEST, AFTER_EACH

	}

	/** What one invocation does: derived from the seed and its repetition only. */
	record Plan(Random random, Phase failIn, int operations, int failAfter) {

		static Plan of(long seed, int repetition) {
			Random random = new Random(seed * 1_000_003L + repetition);
			int roll = random.nextInt(100);
			Phase failIn = (roll < 5) ? Phase.BEFORE_EACH
					: (roll < 10) ? Phase.AFTER_EACH : (roll < 22) ? Phase.TEST : Phase.NONE;
			int operations = 4 + random.nextInt(14);
			return new Plan(random, failIn, operations, random.nextInt(operations + 1));
		}

	}

	static final class PlannedFailure extends RuntimeException {

		PlannedFailure(String message) {
			super(message);
		}

	}

	@SpringBootTest(classes = FixtureApplication.class, properties = { "tempguard.root-dir=" + ROOT_DIR,
			"tempguard.leak-detection.watch-dirs=" + WATCHED, "tempguard.leak-detection.delete-untracked=true" })
	static class Soak {

		static volatile TempFileRegistry registry;

		@Autowired
		TempFileRegistry injected;

		private Plan plan;

		private int repetition;

		private final List<Path> files = new ArrayList<>();

		@BeforeEach
		void setUp(RepetitionInfo info) {
			registry = this.injected;
			this.repetition = info.getCurrentRepetition();
			this.plan = Plan.of(seed, this.repetition);
			operate(2);
			failIf(Phase.BEFORE_EACH);
		}

		@RepeatedTest(INVOCATIONS)
		void randomFileOperations() {
			for (int i = 0; i < this.plan.operations(); i++) {
				if (i == this.plan.failAfter()) {
					failIf(Phase.TEST);
				}
				operate(1);
			}
			failIf(Phase.TEST);
		}

		@AfterEach
		void tearDown() {
			operate(1);
			failIf(Phase.AFTER_EACH);
		}

		private void failIf(Phase phase) {
			if (this.plan.failIn() == phase) {
				this.plan = new Plan(this.plan.random(), Phase.NONE, this.plan.operations(), -1);
				throw new PlannedFailure("planned failure of invocation " + this.repetition + " in " + phase);
			}
		}

		private void operate(int count) {
			try {
				for (int i = 0; i < count; i++) {
					operation(this.plan.random());
					operations.incrementAndGet();
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void operation(Random random) throws IOException {
			TempFileRegistry registry = this.injected;
			Path watched = Path.of(WATCHED).toAbsolutePath();
			switch (random.nextInt(11)) {
				case 0 -> {
					byte[] content = new byte[random.nextInt(2048)];
					random.nextBytes(content);
					this.files.add(track(registry.createFile(content, random.nextBoolean() ? "bin" : "")));
				}
				case 1 -> {
					Path directory = track(registry.createDirectory());
					for (int i = random.nextInt(5); i > 0; i--) {
						Files.writeString(Files.createDirectories(directory.resolve("sub-" + random.nextInt(3)))
							.resolve("file-" + i), "x");
					}
				}
				case 2 -> {
					TempDirectory directory = registry.createTestDirectory();
					track(directory.path());
					directory.createFile("a/b/c-" + random.nextInt(100) + ".txt", "deep");
				}
				case 3 -> track(registry.withTestDirectory(Map.of("in.csv", "a,b"), (directory, files, helper) -> {
					helper.createFile("out/result.txt", "done");
					return directory;
				}));
				case 4 ->
					this.files.add(track(registry.register(Files.createTempFile(watched, "registered-", ".tmp"))));
				case 5 -> {
					Path directory = Files.createTempDirectory(watched, "registered-dir-");
					Files.writeString(directory.resolve("inside.txt"), "x");
					track(registry.registerDirectory(directory));
				}
				case 6 -> {
					if (!this.files.isEmpty()) {
						Files.deleteIfExists(this.files.remove(random.nextInt(this.files.size())));
					}
				}
				case 7 -> {
					if (!this.files.isEmpty()) {
						Path file = this.files.remove(random.nextInt(this.files.size()));
						Files.deleteIfExists(file);
						Files.writeString(Files.createDirectories(file.resolve("now-a-directory")).resolve("x"), "x");
					}
				}
				case 8 -> {
					Thread thread = new Thread(
							() -> this.files.add(track(registry.createFile("from a thread", "txt"))));
					thread.start();
					try {
						thread.join();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				case 9 -> {
					Path untracked = made(Files.createTempFile(watched, "own-", ".tmp"));
					Files.delete(untracked);
				}
				default -> {
					if (random.nextInt(10) == 0) {
						untrackedLeft.put(made(Files.createTempFile(watched, "forgotten-", ".tmp")),
								registry.currentContext().orElseThrow());
					}
				}
			}
		}

		private static Path track(Path path) {
			tracked.incrementAndGet();
			return made(path);
		}

		private static Path made(Path path) {
			Path absolute = path.toAbsolutePath();
			SoakTests.made.add(absolute);
			return absolute;
		}

	}

}
