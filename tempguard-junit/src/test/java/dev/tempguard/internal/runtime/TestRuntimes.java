package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fresh {@link TempGuardRuntime} instances for tests, so that a test's scopes, counters
 * and protected root-dirs are its own and not those of the JVM-wide runtime that the test
 * integration uses.
 */
public final class TestRuntimes {

	private TestRuntimes() {
	}

	public static TempGuardRuntime create() {
		return new TempGuardRuntime();
	}

	/**
	 * A runtime whose {@code java.io.tmpdir} is {@code tmpdir}, and which runs nothing at
	 * the end of the JVM.
	 */
	public static TempGuardRuntime create(Path tmpdir) {
		return new TempGuardRuntime(tmpdir, (atExit) -> {
		}, LeftoversAtExit.Sleeper.THREAD);
	}

	/**
	 * A runtime whose {@code java.io.tmpdir} is {@code tmpdir}, whose end-of-JVM tasks go
	 * to {@code atExit} instead of shutdown hooks, and whose waits for application
	 * contexts go to {@code sleeper}.
	 */
	public static TempGuardRuntime create(Path tmpdir, Consumer<Runnable> atExit, LeftoversAtExit.Sleeper sleeper) {
		return new TempGuardRuntime(tmpdir, atExit, sleeper);
	}

}
