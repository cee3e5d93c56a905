package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Recognises a Gradle test worker JVM by the system properties Gradle gives it, and finds
 * its build directory. Gradle starts each test worker with the main class
 * {@value #MAIN_CLASS} and {@code -D}{@value #WORKER_TMPDIR}{@code =<build
 * dir>/tmp/<test task>/work}, and sets {@value #WORKER_ID} (the worker's id) before the
 * tests run. Nothing Gradle passes to a worker names the build invocation: the worker id
 * and display name count up for the life of the daemon, and the tmpdir is the same for
 * every build.
 */
final class GradleWorker {

	/** The worker's id, set by Gradle's {@code TestWorker}. */
	static final String WORKER_ID = "org.gradle.test.worker";

	/** {@code <build dir>/tmp/<test task>/work}, set on the worker's command line. */
	static final String WORKER_TMPDIR = "org.gradle.internal.worker.tmpdir";

	/** The main class of every Gradle worker process. */
	static final String MAIN_CLASS = "worker.org.gradle.process.internal.worker.GradleWorkerMain";

	private GradleWorker() {
	}

	/**
	 * @param properties the JVM's system properties
	 * @return whether this JVM is a Gradle test worker
	 */
	static boolean isWorker(Function<String, @Nullable String> properties) {
		String command = properties.apply("sun.java.command");
		return isSet(properties.apply(WORKER_ID)) || isSet(properties.apply(WORKER_TMPDIR))
				|| (command != null && command.startsWith(MAIN_CLASS));
	}

	/**
	 * {@code <build dir>/tempguard}: the build directory is read from the worker's
	 * tmpdir, else it is {@code build} in the working directory (the project's, unless
	 * the test task sets another).
	 */
	static Path reportDirectory(Function<String, @Nullable String> properties) {
		String tmpdir = properties.apply(WORKER_TMPDIR);
		if (tmpdir != null && !tmpdir.isBlank()) {
			Path work = Paths.get(tmpdir).toAbsolutePath().normalize();
			Path task = work.getParent();
			Path tmp = (task != null) ? task.getParent() : null;
			if (tmp != null && tmp.getParent() != null && "work".equals(String.valueOf(work.getFileName()))
					&& "tmp".equals(String.valueOf(tmp.getFileName()))) {
				return tmp.resolveSibling("tempguard");
			}
		}
		String workingDirectory = properties.apply("user.dir");
		return Paths.get((workingDirectory != null && !workingDirectory.isBlank()) ? workingDirectory : ".", "build",
				"tempguard");
	}

	private static boolean isSet(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
