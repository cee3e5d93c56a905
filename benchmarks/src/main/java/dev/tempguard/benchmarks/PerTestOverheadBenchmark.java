package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tempguard.benchmarks.suite.SuiteMain;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * tempguard's cost per test in a whole test run: the synthetic suite ({@code suite}
 * package, 2,000 {@code @SpringBootTest} methods on one cached context) runs in child
 * JVMs, with tempguard's auto-configuration and listeners on the class path (leak
 * detection on, watching the child's own java.io.tmpdir) and without them (the
 * tempguard-spring-boot-autoconfigure jar removed from the class path, so nothing of
 * tempguard is registered). Rounds alternate on and off; each child reports the wall time
 * of the measured test class, after a warm-up class has loaded the context, so JVM start
 * and context loading are not in it.
 */
final class PerTestOverheadBenchmark {

	private static final String TEMPGUARD_JAR = "tempguard-spring-boot-autoconfigure";

	private final int rounds;

	PerTestOverheadBenchmark(int rounds) {
		this.rounds = rounds;
	}

	Result run(Path scratch) throws IOException, InterruptedException {
		String on = ChildJvm.classPath((entry) -> true);
		String off = ChildJvm.classPath((entry) -> !entry.contains(TEMPGUARD_JAR));
		if (on.equals(off)) {
			throw new IllegalStateException("tempguard's auto-configuration is not on the class path: " + on);
		}
		double[] onNanos = new double[this.rounds];
		double[] offNanos = new double[this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			// alternate which side goes first too
			if (round % 2 == 0) {
				onNanos[round] = runSuite(on, scratch, "on-" + round);
				offNanos[round] = runSuite(off, scratch, "off-" + round);
			}
			else {
				offNanos[round] = runSuite(off, scratch, "off-" + round);
				onNanos[round] = runSuite(on, scratch, "on-" + round);
			}
		}
		return new Result(ChildJvm.median(onNanos), ChildJvm.median(offNanos), onNanos, offNanos);
	}

	private static double runSuite(String classPath, Path scratch, String name)
			throws IOException, InterruptedException {
		Path tmp = Files.createDirectories(scratch.resolve("suite-" + name));
		try {
			List<String> arguments = new ArrayList<>(List.of("-Djava.io.tmpdir=" + tmp, "-Xmx1g"));
			// -Dsuite.args="-Dtempguard.leak-detection.enabled=false" measures a variant
			// (both sides get it)
			String extra = System.getProperty("suite.args", "").strip();
			if (!extra.isEmpty()) {
				arguments.addAll(List.of(extra.split("\\s+")));
			}
			List<String> output = ChildJvm.run(classPath, arguments, SuiteMain.class);
			if (!ChildJvm.value(output, "PASSED").equals("3000")) {
				throw new IllegalStateException("the synthetic suite did not pass:\n" + String.join("\n", output));
			}
			return Long.parseLong(ChildJvm.value(output, "SUITE_NANOS"));
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(tmp);
		}
	}

	/** Median wall times of the measured class, in nanoseconds, and every round's. */
	record Result(double onNanos, double offNanos, double[] onRounds, double[] offRounds) {

		double ratio() {
			return this.onNanos / this.offNanos;
		}

	}

}
