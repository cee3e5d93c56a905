package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tempguard.CleanupResult;
import dev.tempguard.benchmarks.tempdir.TempDirDeletion;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * Deleting a tree of {@code directories} x {@code filesPerDirectory} empty files:
 * tempguard's {@link DeletionEngine} against {@code rm -rf} (its process start
 * subtracted: the median time of {@code rm -rf} on an empty directory, measured in the
 * same round) and against JUnit Jupiter's {@code @TempDir} deletion
 * ({@link TempDirDeletion}). A fresh tree is built right before each deletion; only the
 * deletion is timed. The order of the three rotates from round to round.
 */
final class CleanupBenchmark {

	private final int directories;

	private final int filesPerDirectory;

	private final int rounds;

	CleanupBenchmark(int directories, int filesPerDirectory, int rounds) {
		this.directories = directories;
		this.filesPerDirectory = filesPerDirectory;
		this.rounds = rounds;
	}

	Result run(Path scratch) throws IOException, InterruptedException {
		Path work = Files.createDirectories(scratch.resolve("cleanup"));
		// warm-up: the JIT compiles the deleting code of tempguard and JUnit before
		// anything is timed
		int warmUpDirectories = Math.max(1, this.directories / 10);
		tempguard(work, warmUpDirectories, this.filesPerDirectory);
		TempDirDeletion.run(work, warmUpDirectories, this.filesPerDirectory);
		rmRf(work, warmUpDirectories, this.filesPerDirectory);
		double[] tempguard = new double[this.rounds];
		double[] rm = new double[this.rounds];
		double[] junit = new double[this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			for (int i = 0; i < 3; i++) {
				switch ((round + i) % 3) {
					case 0 -> tempguard[round] = tempguard(work, this.directories, this.filesPerDirectory);
					case 1 -> rm[round] = rmRf(work, this.directories, this.filesPerDirectory);
					default -> junit[round] = TempDirDeletion.run(work, this.directories, this.filesPerDirectory);
				}
			}
		}
		return new Result(Ratio.median(tempguard), Ratio.median(rm), Ratio.median(junit));
	}

	private static long tempguard(Path work, int directories, int filesPerDirectory) throws IOException {
		Path root = work.resolve("tempguard-tree");
		Trees.create(root, directories, filesPerDirectory);
		DeletionEngine engine = new DeletionEngine(PathGuard.defaults());
		long start = System.nanoTime();
		CleanupResult result = engine.delete(root);
		long nanos = System.nanoTime() - start;
		if (!result.successful() || Files.exists(root)) {
			throw new IllegalStateException("tempguard did not delete " + root + ": " + result.failures());
		}
		return nanos;
	}

	private static long rmRf(Path work, int directories, int filesPerDirectory)
			throws IOException, InterruptedException {
		Path root = work.resolve("rm-tree");
		Trees.create(root, directories, filesPerDirectory);
		long nanos = rm(root);
		if (Files.exists(root)) {
			throw new IllegalStateException("rm -rf did not delete " + root);
		}
		long[] empty = new long[3];
		for (int i = 0; i < empty.length; i++) {
			empty[i] = rm(Files.createDirectory(work.resolve("rm-empty")));
		}
		java.util.Arrays.sort(empty);
		return nanos - empty[1];
	}

	private static long rm(Path root) throws IOException, InterruptedException {
		long start = System.nanoTime();
		Process process = new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start();
		int exit = process.waitFor();
		long nanos = System.nanoTime() - start;
		if (exit != 0) {
			throw new IllegalStateException("rm -rf " + root + " exited with " + exit);
		}
		return nanos;
	}

	/** Median deletion nanoseconds of each. */
	record Result(double tempguardNanos, double rmNanos, double junitNanos) {

	}

}
