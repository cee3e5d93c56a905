package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * The leak check's cost per test against the size of the watched directory
 * ({@link LeakCheckMain}): child JVMs whose watched java.io.tmpdir holds {@code entries}
 * unrelated entries, and ones where it holds none, alternating round by round; the figure
 * is the median of the paired ratios. tempguard's agent is off, so what is measured is
 * how entries are found: the mode asked for ({@code auto}: inotify on Linux;
 * {@code snapshot}: the macOS/Windows mode).
 */
final class LeakCheckBenchmark {

	private final int entries;

	private final int crowdedTests;

	private final int emptyTests;

	private final int blocks;

	private final int rounds;

	private final String mode;

	private String source = "";

	/**
	 * @param crowdedTests tests per block with the crowded directory (fewer where each
	 * lists it)
	 * @param emptyTests tests per block with the empty directory
	 */
	LeakCheckBenchmark(int entries, int crowdedTests, int emptyTests, int blocks, int rounds, String mode) {
		this.entries = entries;
		this.crowdedTests = crowdedTests;
		this.emptyTests = emptyTests;
		this.blocks = blocks;
		this.rounds = rounds;
		this.mode = mode;
	}

	Result run(Path scratch) throws IOException, InterruptedException {
		Path crowded = Files.createDirectories(scratch.resolve("crowded-" + this.mode));
		Path empty = Files.createDirectories(scratch.resolve("empty-" + this.mode));
		try {
			for (int i = 0; i < this.entries; i++) {
				Files.createFile(crowded.resolve("unrelated-" + i));
			}
			double[] crowdedNanos = new double[this.rounds];
			double[] emptyNanos = new double[this.rounds];
			for (int round = 0; round < this.rounds; round++) {
				if (round % 2 == 0) {
					crowdedNanos[round] = child(crowded, this.crowdedTests);
					emptyNanos[round] = child(empty, this.emptyTests);
				}
				else {
					emptyNanos[round] = child(empty, this.emptyTests);
					crowdedNanos[round] = child(crowded, this.crowdedTests);
				}
			}
			return new Result(Ratio.paired(crowdedNanos, emptyNanos), this.source);
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(crowded);
			new DeletionEngine(PathGuard.defaults()).delete(empty);
		}
	}

	private double child(Path watched, int tests) throws IOException, InterruptedException {
		List<String> output = ChildJvm.run(ClassPaths.of(ClassPaths.without(ClassPaths.AUTOCONFIGURE)),
				List.of("-Djava.io.tmpdir=" + watched, "-Xmx512m", "-Dtempguard.agent.enabled=false",
						"-Dtempguard.leak-detection.mode=" + this.mode),
				LeakCheckMain.class, Integer.toString(tests), Integer.toString(this.blocks));
		this.source = ChildJvm.value(output, "SOURCE");
		if (this.mode.equals("snapshot") != this.source.equals("snapshot")) {
			throw new IllegalStateException("mode " + this.mode + " read the directory by " + this.source);
		}
		return Ratio.median(output.stream()
			.filter((line) -> line.startsWith("NANOS_PER_TEST="))
			.mapToDouble((line) -> Double.parseDouble(line.substring("NANOS_PER_TEST=".length())))
			.toArray());
	}

	/**
	 * Nanoseconds per test, with the crowded against the empty watched directory.
	 *
	 * @param ratio crowded / empty, paired by round
	 * @param source how entries were found: inotify or snapshot
	 */
	record Result(Ratio ratio, String source) {

	}

}
