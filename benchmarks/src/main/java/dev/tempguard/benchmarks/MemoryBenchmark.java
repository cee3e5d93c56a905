package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@link MemoryMain} in a child JVM with a fixed heap and the serial collector, and
 * reads its figures.
 */
final class MemoryBenchmark {

	private final int paths;

	private final int contexts;

	MemoryBenchmark(int paths, int contexts) {
		this.paths = paths;
		this.contexts = contexts;
	}

	Result run(Path scratch) throws IOException, InterruptedException {
		Path tmp = Files.createDirectories(scratch.resolve("memory"));
		Path root = Files.createDirectories(tmp.resolve("tempguard"));
		List<String> output = ChildJvm.run(ClassPaths.of(ClassPaths.without(ClassPaths.AUTOCONFIGURE)),
				List.of("-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmp,
						"-Dtempguard.root-dir=" + root),
				MemoryMain.class, Integer.toString(this.paths), Integer.toString(this.contexts));
		if (!ChildJvm.value(output, "LEFT_IN_RUN_DIRECTORY").equals("0")) {
			throw new IllegalStateException("files left in the run directory: " + output);
		}
		return new Result(Double.parseDouble(ChildJvm.value(output, "BYTES_PER_PATH")),
				Double.parseDouble(ChildJvm.value(output, "BYTES_PER_CONTEXT")),
				Long.parseLong(ChildJvm.value(output, "BASELINE_BYTES")),
				Long.parseLong(ChildJvm.value(output, "END_BYTES")),
				Integer.parseInt(ChildJvm.value(output, "RECORDS")),
				Integer.parseInt(ChildJvm.value(output, "PATH_CHARS")));
	}

	record Result(double bytesPerPath, double bytesPerContext, long baselineBytes, long endBytes, int records,
			int pathChars) {

	}

}
