package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;

/**
 * The leak check's cost per test against the size of the watched directory: tempguard's
 * part of a test (open a method context before it, which syncs with the watcher; close
 * it, which syncs again, and check it for leaks after it) timed around a test body that
 * creates and deletes a file in the watched directory, with a watched directory holding
 * {@code entries} unrelated entries and with an empty one. Rounds alternate so that both
 * see the same machine; the test body itself is not timed.
 */
final class LeakCheckBenchmark {

	private final int entries;

	private final int testsPerRound;

	private final int rounds;

	LeakCheckBenchmark(int entries, int testsPerRound, int rounds) {
		this.entries = entries;
		this.testsPerRound = testsPerRound;
		this.rounds = rounds;
	}

	Result run(Path scratch) throws IOException {
		Path crowded = Files.createDirectories(scratch.resolve("crowded"));
		Path empty = Files.createDirectories(scratch.resolve("empty"));
		for (int i = 0; i < this.entries; i++) {
			Files.createFile(crowded.resolve("unrelated-" + i));
		}
		Setup withCrowd = new Setup(crowded, Files.createDirectories(scratch.resolve("own-crowded")));
		Setup withoutCrowd = new Setup(empty, Files.createDirectories(scratch.resolve("own-empty")));
		// warm-up: the JIT compiles the same code for both
		withCrowd.runTests(this.testsPerRound);
		withoutCrowd.runTests(this.testsPerRound);
		double[] crowdedNanos = new double[this.rounds];
		double[] emptyNanos = new double[this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			crowdedNanos[round] = withCrowd.runTests(this.testsPerRound);
			emptyNanos[round] = withoutCrowd.runTests(this.testsPerRound);
		}
		new DeletionEngine(PathGuard.defaults()).delete(crowded);
		new DeletionEngine(PathGuard.defaults()).delete(empty);
		return new Result(median(crowdedNanos), median(emptyNanos));
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/** Nanoseconds per test, with the crowded and with the empty watched directory. */
	record Result(double crowdedNanosPerTest, double emptyNanosPerTest) {

		double ratio() {
			return this.crowdedNanosPerTest / this.emptyNanosPerTest;
		}

	}

	private static final class Setup {

		private final Path watched;

		private final Scopes scopes = new Scopes();

		private final LeakDetector detector;

		Setup(Path watched, Path own) {
			this.watched = watched;
			this.detector = new LeakDetector(this.scopes, new Counters(), new DeletionEngines());
			this.detector.watch(List.of(watched), List.of(), LeakDetectionSettings.Mode.AUTO);
		}

		/**
		 * Runs {@code count} simulated tests and returns tempguard's mean nanoseconds per
		 * test.
		 */
		double runTests(int count) throws IOException {
			long spent = 0;
			for (int i = 0; i < count; i++) {
				long start = System.nanoTime();
				Scope scope = this.scopes.openMethod(LeakCheckBenchmark.class, "test");
				this.detector.opened(scope);
				Scopes.Binding previous = this.scopes.bind(scope, true);
				spent += System.nanoTime() - start;
				Files.delete(Files.createTempFile(this.watched, "work-", ".tmp"));
				start = System.nanoTime();
				this.scopes.restore(previous);
				this.detector.closed(scope);
				this.scopes.close(scope);
				boolean leaked = !this.detector.untrackedLeaks(scope, false).isEmpty();
				spent += System.nanoTime() - start;
				if (leaked) {
					throw new IllegalStateException("a leak where there is none");
				}
			}
			return spent / (double) count;
		}

	}

}
