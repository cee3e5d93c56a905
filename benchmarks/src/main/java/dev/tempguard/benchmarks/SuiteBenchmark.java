package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.tempguard.benchmarks.plain.PlainMeasuredTests;
import dev.tempguard.benchmarks.plain.PlainWarmUpTests;
import dev.tempguard.benchmarks.suite.MeasuredSuiteTests;
import dev.tempguard.benchmarks.suite.SuiteMain;
import dev.tempguard.benchmarks.suite.WarmUpSuiteTests;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * tempguard's cost per test in a whole test run: a synthetic suite runs in child JVMs
 * ({@link SuiteMain}: a warm-up class, then the measured class of 2,000 tests), once per
 * variant in each round: without any jar of tempguard's on the class path
 * ({@link Variant#ABSENT}), and with tempguard as a user adds it (the starter's jars for
 * the Spring suite, {@code tempguard-junit} for the plain one: its launcher listener and
 * Jupiter extension activated through ServiceLoader), leak detection on, watching the
 * child's own java.io.tmpdir, with the agent off, attached by itself, or given with
 * {@code -javaagent}, in the default mode or in the macOS/Windows mode (snapshots). The
 * order of the variants rotates from round to round; each variant's figure is the median
 * of its ratios to the tempguard-free run of the same round.
 */
final class SuiteBenchmark {

	private final Suite suite;

	private final List<Variant> variants;

	private final int rounds;

	SuiteBenchmark(Suite suite, List<Variant> variants, int rounds) {
		this.suite = suite;
		this.variants = new ArrayList<>(variants);
		if (!this.variants.contains(Variant.ABSENT)) {
			this.variants.add(0, Variant.ABSENT);
		}
		this.rounds = rounds;
	}

	/**
	 * The variants this JVM can run: the agent attaches by itself only where that is
	 * silent (Java 17-20), and {@code -javaagent} needs tempguard-junit as a jar.
	 */
	static List<Variant> available(List<Variant> wanted) {
		boolean agentJar = ClassPaths.agentJar() != null;
		boolean selfAttach = Runtime.version().feature() < 21;
		return wanted.stream().filter((variant) -> switch (variant) {
			case SELF_ATTACHED -> selfAttach;
			case JAVAAGENT -> agentJar;
			case SNAPSHOT -> selfAttach || agentJar;
			default -> true;
		}).toList();
	}

	Map<Variant, Result> run(Path scratch) throws IOException, InterruptedException {
		Map<Variant, List<Measurement>> measured = new LinkedHashMap<>();
		this.variants.forEach((variant) -> measured.put(variant, new ArrayList<>()));
		for (int round = 0; round < this.rounds; round++) {
			for (int i = 0; i < this.variants.size(); i++) {
				Variant variant = this.variants.get((round + i) % this.variants.size());
				Measurement measurement = runSuite(variant, scratch, variant.name() + "-" + round);
				measured.get(variant).add(measurement);
				System.err.printf("%s %s round %d: %s%n", this.suite, variant, round, measurement);
			}
		}
		List<Measurement> absent = measured.get(Variant.ABSENT);
		Map<Variant, Result> results = new LinkedHashMap<>();
		measured.forEach((variant, samples) -> {
			if (variant != Variant.ABSENT) {
				results.put(variant, new Result(samples.get(0).tempguard(), Metric.ratios(samples, absent)));
			}
		});
		return results;
	}

	private Measurement runSuite(Variant variant, Path scratch, String name) throws IOException, InterruptedException {
		Path tmp = Files.createDirectories(scratch.resolve(this.suite.name().toLowerCase() + "-" + name));
		Path workingDirectory = Files
			.createDirectories(scratch.resolve("cwd-" + this.suite.name().toLowerCase() + "-" + name));
		try {
			List<String> arguments = new ArrayList<>(List.of("-Djava.io.tmpdir=" + tmp, "-Xmx1g"));
			arguments.addAll(variant.jvmArguments());
			// -Dsuite.args="-Dtempguard.leak-detection.enabled=false" measures a variant
			// (every side gets it)
			String extra = System.getProperty("suite.args", "").strip();
			if (!extra.isEmpty()) {
				arguments.addAll(List.of(extra.split("\\s+")));
			}
			String classPath = ClassPaths.of(variant == Variant.ABSENT ? this.suite.absent : this.suite.on);
			List<String> output = ChildJvm.run(classPath, arguments, workingDirectory, SuiteMain.class,
					this.suite.warmUp.getName(), this.suite.measured.getName(), Integer.toString(this.suite.tests));
			double[] blocks = Arrays.stream(ChildJvm.value(output, "BLOCK_CPU_NANOS").split(","))
				.mapToDouble(Double::parseDouble)
				.toArray();
			Measurement measurement = new Measurement(Long.parseLong(ChildJvm.value(output, "SUITE_NANOS")),
					(long) (Ratio.median(blocks) * blocks.length),
					Long.parseLong(ChildJvm.value(output, "SUITE_PROCESS_CPU_NANOS")),
					ChildJvm.value(output, "TEMPGUARD"));
			variant.check(measurement.tempguard());
			return measurement;
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(tmp);
			new DeletionEngine(PathGuard.defaults()).delete(workingDirectory);
		}
	}

	/** The synthetic suites. */
	enum Suite {

		/**
		 * 2,000 {@code @SpringBootTest} methods on one cached context; tempguard through
		 * the starter's jars.
		 */
		SPRING("2,000 @SpringBootTest methods", WarmUpSuiteTests.class, MeasuredSuiteTests.class, 12_000,
				(entry) -> true, ClassPaths.withoutTempGuard()),

		/** 2,000 plain JUnit Jupiter tests; tempguard through {@code tempguard-junit}. */
		PLAIN("2,000 plain JUnit tests", PlainWarmUpTests.class, PlainMeasuredTests.class, 22_000,
				ClassPaths.without(ClassPaths.AUTOCONFIGURE), ClassPaths.withoutTempGuard());

		final String description;

		final Class<?> warmUp;

		final Class<?> measured;

		final int tests;

		final Predicate<String> on;

		final Predicate<String> absent;

		Suite(String description, Class<?> warmUp, Class<?> measured, int tests, Predicate<String> on,
				Predicate<String> absent) {
			this.description = description;
			this.warmUp = warmUp;
			this.measured = measured;
			this.tests = tests;
			this.on = on;
			this.absent = absent;
		}

	}

	/** How tempguard is there, or not. */
	enum Variant {

		/** No jar of tempguard's on the class path. */
		ABSENT("tempguard absent"),

		/** Leak detection on, agent off: entries found by the default mode only. */
		AGENT_OFF("leak detection on, agent off", "-Dtempguard.agent.enabled=false"),

		/**
		 * Leak detection on, the agent attached by tempguard itself, as on Java 17-20 by
		 * default.
		 */
		SELF_ATTACHED("leak detection on, agent self-attached"),

		/**
		 * Leak detection on, the agent given with {@code -javaagent}, as from Java 21.
		 */
		JAVAAGENT("leak detection on, agent via -javaagent"),

		/**
		 * The macOS/Windows mode (snapshots), with the agent as there by default:
		 * attached by itself on Java 17-20, else given with {@code -javaagent}.
		 */
		SNAPSHOT("macOS/Windows mode (snapshot), agent", "-Dtempguard.leak-detection.mode=snapshot"),

		/** The macOS/Windows mode without the agent. */
		SNAPSHOT_AGENT_OFF("macOS/Windows mode (snapshot), agent off", "-Dtempguard.leak-detection.mode=snapshot",
				"-Dtempguard.agent.enabled=false"),

		/**
		 * Where the time goes: tempguard's contexts, cleanup and records, without leak
		 * detection or agent.
		 */
		TRACKING_ONLY("breakdown: leak detection off, agent off", "-Dtempguard.leak-detection.enabled=false",
				"-Dtempguard.agent.enabled=false"),

		/**
		 * Where the time goes: as {@link #AGENT_OFF}, without the Jupiter extension
		 * (JUnit's auto-detection turned off), so only the launcher listener guards.
		 */
		LISTENER_ONLY("breakdown: leak detection on, agent off, no Jupiter extension",
				"-Dtempguard.agent.enabled=false", "-Djunit.jupiter.extensions.autodetection.enabled=false");

		final String label;

		private final List<String> arguments;

		Variant(String label, String... arguments) {
			this.label = label;
			this.arguments = List.of(arguments);
		}

		List<String> jvmArguments() {
			List<String> all = new ArrayList<>(this.arguments);
			String jar = ClassPaths.agentJar();
			if (this == JAVAAGENT || (this == SNAPSHOT && Runtime.version().feature() >= 21)) {
				all.add(0, "-javaagent:" + jar);
			}
			return all;
		}

		boolean selfAttached() {
			return this == SELF_ATTACHED || this == SNAPSHOT;
		}

		/** How the agent is there, for the table. */
		String describe() {
			if (this == SNAPSHOT) {
				return this.label + ((Runtime.version().feature() >= 21) ? " via -javaagent" : " self-attached");
			}
			return this.label;
		}

		boolean agent() {
			return this == SELF_ATTACHED || this == JAVAAGENT || this == SNAPSHOT;
		}

		// fails when the child did not run what this variant says it measures
		void check(String tempguard) {
			boolean ok;
			if (this == ABSENT) {
				ok = tempguard.equals("absent");
			}
			else {
				boolean snapshot = this == SNAPSHOT || this == SNAPSHOT_AGENT_OFF;
				boolean leakDetection = this != TRACKING_ONLY;
				ok = tempguard.contains("agent=" + (agent() ? "on" : "off"))
						&& (!snapshot || tempguard.contains("source=snapshot"))
						&& (leakDetection != tempguard.contains("source=none"));
			}
			if (!ok) {
				throw new IllegalStateException(this + " (" + this.label + ") ran with tempguard " + tempguard);
			}
		}

	}

	/**
	 * One child's figures for the measured class.
	 *
	 * @param wallNanos its wall time
	 * @param threadCpuNanos the CPU time of the thread that ran it, as the median of its
	 * blocks of 200 tests times their number (a block that another process slowed down
	 * weighs nothing)
	 * @param processCpuNanos the CPU time of the whole JVM meanwhile
	 * @param tempguard what of tempguard was active ({@link SuiteMain})
	 */
	record Measurement(long wallNanos, long threadCpuNanos, long processCpuNanos, String tempguard) {

		@Override
		public String toString() {
			return String.format(java.util.Locale.ROOT, "wall %.1f ms, thread CPU %.1f ms, process CPU %.1f ms (%s)",
					this.wallNanos / 1e6, this.threadCpuNanos / 1e6, this.processCpuNanos / 1e6, this.tempguard);
		}

	}

	/** What is compared. */
	enum Metric {

		WALL, THREAD_CPU, PROCESS_CPU;

		double of(Measurement measurement) {
			return switch (this) {
				case WALL -> measurement.wallNanos();
				case THREAD_CPU -> measurement.threadCpuNanos();
				case PROCESS_CPU -> measurement.processCpuNanos();
			};
		}

		static Map<Metric, Ratio> ratios(List<Measurement> measured, List<Measurement> baseline) {
			Map<Metric, Ratio> ratios = new LinkedHashMap<>();
			for (Metric metric : values()) {
				ratios.put(metric, Ratio.paired(measured.stream().mapToDouble(metric::of).toArray(),
						baseline.stream().mapToDouble(metric::of).toArray()));
			}
			return ratios;
		}

	}

	/**
	 * A variant's figures against the tempguard-free runs.
	 *
	 * @param tempguard what of tempguard was active, as its first child said
	 * @param ratios its ratios by metric
	 */
	record Result(String tempguard, Map<Metric, Ratio> ratios) {

	}

}
