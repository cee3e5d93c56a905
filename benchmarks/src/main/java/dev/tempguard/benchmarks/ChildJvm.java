package dev.tempguard.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts the harness's own classes in child JVMs. Under {@code mvn exec:java} the harness
 * runs inside Maven's JVM, whose {@code java.class.path} is Maven's launcher: the
 * project's class path is that of the class loader that loaded the harness.
 */
final class ChildJvm {

	private ChildJvm() {
	}

	/** The class path of the harness, one entry per element. */
	static List<String> classPath() {
		ClassLoader loader = ChildJvm.class.getClassLoader();
		List<String> entries = new ArrayList<>();
		if (loader instanceof URLClassLoader urls && urls.getURLs().length > 1) {
			for (URL url : urls.getURLs()) {
				try {
					entries.add(Path.of(url.toURI()).toString());
				}
				catch (URISyntaxException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return entries;
		}
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).toList();
	}

	static String classPath(Predicate<String> keep) {
		return classPath().stream().filter(keep).collect(Collectors.joining(File.pathSeparator));
	}

	/**
	 * Runs {@code mainClass} in a child JVM and returns its standard output; fails when
	 * it exits non-zero.
	 */
	static List<String> run(String classPath, List<String> jvmArgs, Class<?> mainClass, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass.getName());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
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

	static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
