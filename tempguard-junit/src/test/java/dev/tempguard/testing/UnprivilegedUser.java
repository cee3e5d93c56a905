package dev.tempguard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The unprivileged user {@value #NAME}, as whom a test runs a main class in a JVM of its
 * own ({@code runuser}): root ignores file permissions, so a permission case run as root
 * proves nothing. Such tests are skipped, not failed, where the build does not run as
 * root or {@code runuser} is missing.
 */
public final class UnprivilegedUser {

	/** The user, made on first use. */
	public static final String NAME = "tempguard-test";

	private static final Path RUNUSER = Path.of("/usr/sbin/runuser");

	private UnprivilegedUser() {
	}

	/**
	 * Skips the test unless it runs as root with {@code runuser}, making the user if it
	 * is not there.
	 */
	public static void assume() throws IOException, InterruptedException {
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to an unprivileged user");
		assumeTrue(Files.isExecutable(RUNUSER), "needs " + RUNUSER);
		assumeTrue(Processes.run(List.of("id", NAME), null).exitCode() == 0
				|| Processes.run(List.of("useradd", "--system", "--no-create-home", NAME), null).exitCode() == 0,
				"needs the user " + NAME);
	}

	/**
	 * A new directory of root's below {@code /tmp}, which the user can reach, unlike the
	 * build's directories.
	 */
	public static Path scratch(String prefix) throws IOException {
		Path scratch = Files.createTempDirectory(Path.of("/tmp"), prefix);
		Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
		return scratch;
	}

	/** Gives {@code path} and what it holds to the user. */
	public static void owns(Path path) throws IOException, InterruptedException {
		Processes.Result result = Processes.run(List.of("chown", "-R", NAME, path.toString()), null);
		if (result.exitCode() != 0) {
			throw new IOException("chown " + path + ": " + result.output());
		}
	}

	/**
	 * This module's classes (main and test) and the libraries whose jar names start with
	 * one of {@code libraries}, copied below {@code directory} where the user can read
	 * them.
	 * @return the class path
	 */
	public static String copyClasspath(Path directory, String... libraries) throws IOException {
		Path classes = Files.createDirectories(directory.resolve("classes"));
		List<String> classpath = new ArrayList<>(List.of(classes.toString()));
		String own = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		for (String entry : own.split(File.pathSeparator)) {
			Path source = Path.of(entry);
			String name = String.valueOf(source.getFileName());
			if (Files.isDirectory(source.resolve("dev/tempguard"))) {
				copyClasses(source.resolve("dev/tempguard"), classes.resolve("dev/tempguard"));
			}
			else if (Stream.of(libraries).anyMatch(name::startsWith)) {
				classpath
					.add(Files.copy(source, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING).toString());
			}
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.toList()) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
			}
		}
		return String.join(File.pathSeparator, classpath);
	}

	private static void copyClasses(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : paths.toList()) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else if (path.toString().endsWith(".class")) {
					Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	/**
	 * Runs {@code main} as the user, in {@code directory}, on {@code classpath}.
	 * @param jvmArguments more JVM arguments, such as system properties
	 * @param arguments the arguments of {@code main}
	 */
	public static Processes.Result run(String classpath, Class<?> main, Path directory, List<String> jvmArguments,
			String... arguments) throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(RUNUSER.toString(), "-u", NAME, "--", java.toString(),
				"-Xshare:auto", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1"));
		command.addAll(jvmArguments);
		command.addAll(List.of("-cp", classpath, main.getName()));
		command.addAll(List.of(arguments));
		return Processes.run(command, directory);
	}

}
