package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Starts the harness's own classes in child JVMs, with the harness's JDK. */
final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * Runs {@code mainClass} in a child JVM and returns its standard output; fails when
	 * it exits non-zero.
	 */
	static List<String> run(String classPath, List<String> jvmArgs, Class<?> mainClass, String... args)
			throws IOException, InterruptedException {
		return run(classPath, jvmArgs, null, mainClass, args);
	}

	/**
	 * Runs {@code mainClass} in a child JVM working in {@code directory} (where a report
	 * of tempguard's goes) and returns its standard output; fails when it exits non-zero.
	 */
	static List<String> run(String classPath, List<String> jvmArgs, @Nullable Path directory, Class<?> mainClass,
			String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Process process = builder.start();
		List<String> lines;
		try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
			lines = reader.lines().toList();
		}
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IllegalStateException(
					mainClass.getSimpleName() + " exited with " + exit + ":\n" + String.join("\n", lines));
		}
		return lines;
	}

	/** The value of the first line {@code key=value} of {@code lines}. */
	static String value(List<String> lines, String key) {
		return lines.stream()
			.filter((line) -> line.startsWith(key + "="))
			.map((line) -> line.substring(key.length() + 1))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no " + key + " in:\n" + String.join("\n", lines)));
	}

}
