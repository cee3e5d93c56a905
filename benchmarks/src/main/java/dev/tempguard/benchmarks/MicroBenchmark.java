package dev.tempguard.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import dev.tempguard.benchmarks.micro.RegistryBenchmarks;

/**
 * Runs the JMH benchmarks ({@code micro} package) in one forked JVM and returns their
 * average ns/op.
 */
final class MicroBenchmark {

	Map<String, Double> run(Path scratch) throws RunnerException {
		// JMH forks with java.class.path, which under exec:java is Maven's and not the
		// project's
		String previous = System.getProperty("java.class.path");
		System.setProperty("java.class.path", String.join(File.pathSeparator, ClassPaths.entries()));
		try {
			Options options = new OptionsBuilder().include(RegistryBenchmarks.class.getName() + ".*")
				.forks(1)
				.warmupIterations(3)
				.warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
				.measurementIterations(5)
				.measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
				.jvmArgsAppend("-Dbenchmark.scratch=" + scratch, "-Djava.io.tmpdir=" + scratch)
				.verbosity(VerboseMode.SILENT)
				.build();
			Map<String, Double> nanos = new HashMap<>();
			for (RunResult result : new Runner(options).run()) {
				String name = result.getParams().getBenchmark();
				nanos.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
			}
			return nanos;
		}
		finally {
			System.setProperty("java.class.path", previous);
		}
	}

}
