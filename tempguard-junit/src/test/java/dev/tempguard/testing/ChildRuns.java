package dev.tempguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs fixture test classes through the JUnit Platform launcher in a JVM of their own
 * ({@link LaunchMain}), as a build's test JVM: tempguard starts with the run and ends
 * with the JVM, its shutdown hooks included, and what the JVM left is there to list once
 * it exited. The child has its own {@code java.io.tmpdir} and module directory
 * ({@code basedir}, where the report goes), both below a directory the test gives.
 */
public final class ChildRuns {

	/**
	 * JVM arguments that make the child log tempguard's warnings and errors to standard
	 * error, {@code [WARN] <class> - <message>}: the test class path has no logging
	 * system.
	 */
	public static final List<String> LOG_WARNINGS = List.of(
			"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.LogFactoryImpl",
			"-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.SimpleLog",
			"-Dorg.apache.commons.logging.simplelog.defaultlog=warn");

	private ChildRuns() {
	}

	/**
	 * Runs {@code fixtures} in a new JVM whose {@code java.io.tmpdir} is {@code work/tmp}
	 * and {@code basedir} is {@code work/module}.
	 * @param work a directory of the test's own
	 * @param jvmArguments more JVM arguments, such as {@code -Dtempguard.enabled=false}
	 * @param fixtures the test classes, run in this order
	 * @param configuration JUnit configuration parameters, {@code key=value}
	 * @return the exit code and output (standard error included) of the JVM
	 */
	public static Processes.Result run(Path work, List<String> jvmArguments, List<Class<?>> fixtures,
			String... configuration) throws IOException, InterruptedException {
		return runByName(work, jvmArguments, fixtures.stream().map(Class::getName).toList(), configuration);
	}

	/**
	 * Runs the test classes named {@code fixtures} (which may be out of the caller's
	 * reach) as {@link #run} does.
	 */
	public static Processes.Result runByName(Path work, List<String> jvmArguments, List<String> fixtures,
			String... configuration) throws IOException, InterruptedException {
		Files.createDirectories(tmpdir(work));
		Files.createDirectories(module(work));
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xshare:auto", "-XX:-UsePerfData", "-Djava.io.tmpdir=" + tmpdir(work), "-Dbasedir=" + module(work)));
		command.addAll(jvmArguments);
		command.addAll(List.of("-cp", classpath, LaunchMain.class.getName()));
		command.addAll(fixtures);
		command.add("--");
		command.addAll(List.of(configuration));
		return Processes.run(command, module(work));
	}

	/** The child's {@code java.io.tmpdir}. */
	public static Path tmpdir(Path work) {
		return work.resolve("tmp");
	}

	/** The child's module directory: its working directory and {@code basedir}. */
	public static Path module(Path work) {
		return work.resolve("module");
	}

	/**
	 * Where the child's report goes: {@code target/tempguard} in its module directory.
	 */
	public static Path reportDirectory(Path work) {
		return module(work).resolve("target").resolve("tempguard");
	}

	/** The names of what {@code directory} holds, sorted. */
	public static List<String> names(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
	}

}
