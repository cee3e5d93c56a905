package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

/**
 * One {@code Files.createTempFile} intercepted by tempguard's agent against the plain JDK
 * call ({@link InterceptMain}), in java.io.tmpdir of a child JVM on each file system
 * asked for (the scratch directory's, and tmpfs), at a test's stack depth.
 */
final class InterceptBenchmark {

	private final int rounds;

	private final int blockMillis;

	private final int depth;

	InterceptBenchmark(int rounds, int blockMillis, int depth) {
		this.rounds = rounds;
		this.blockMillis = blockMillis;
		this.depth = depth;
	}

	Result run(Path tmpdir) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory(tmpdir, "intercept-");
		try {
			List<String> arguments = new ArrayList<>(List.of("-Djava.io.tmpdir=" + directory, "-Xmx512m"));
			String agent = ClassPaths.agentJar();
			String how = "self-attached";
			if (agent != null) {
				arguments.add("-javaagent:" + agent);
				how = "via -javaagent";
			}
			List<String> output = ChildJvm.run(ClassPaths.of(ClassPaths.without(ClassPaths.AUTOCONFIGURE)), arguments,
					InterceptMain.class, Integer.toString(this.rounds), Integer.toString(this.blockMillis),
					Integer.toString(this.depth));
			if (!ChildJvm.value(output, "LEFT").equals("0")) {
				throw new IllegalStateException("files left behind: " + output);
			}
			return new Result(Ratio.paired(values(output, "AGENT"), values(output, "PLAIN")),
					ChildJvm.value(output, "FILE_SYSTEM"), Integer.parseInt(ChildJvm.value(output, "DEPTH")), how);
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(directory);
		}
	}

	private static double[] values(List<String> lines, String key) {
		return lines.stream()
			.filter((line) -> line.startsWith(key + "="))
			.mapToDouble((line) -> Double.parseDouble(line.substring(key.length() + 1)))
			.toArray();
	}

	/**
	 * CPU time per call, intercepted against plain.
	 *
	 * @param ratio intercepted / plain, paired by round
	 * @param fileSystem the type of java.io.tmpdir's file system
	 * @param depth the stack depth at the call
	 * @param agent how the agent was attached
	 */
	record Result(Ratio ratio, String fileSystem, int depth, String agent) {

	}

}
