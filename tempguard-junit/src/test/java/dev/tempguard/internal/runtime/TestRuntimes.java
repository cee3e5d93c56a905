package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fresh {@link TempGuardRuntime} instances for tests, so that a test's scopes, counters
 * and protected root-dirs are its own and not those of the JVM-wide runtime that the test
 * integration uses.
 */
public final class TestRuntimes {

	private static final Consumer<Runnable> NOTHING = (atExit) -> {
	};

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
		return create(tmpdir, NOTHING, NOTHING, LeftoversAtExit.Sleeper.THREAD);
	}

	/**
	 * A runtime whose {@code java.io.tmpdir} is {@code tmpdir}, whose deletion of
	 * framework leftovers at the end of the JVM goes to {@code atExit} instead of a
	 * shutdown hook (its last look for leaks goes nowhere), and whose waits for
	 * application contexts go to {@code sleeper}.
	 */
	public static TempGuardRuntime create(Path tmpdir, Consumer<Runnable> atExit, LeftoversAtExit.Sleeper sleeper) {
		return create(tmpdir, atExit, NOTHING, sleeper);
	}

	/**
	 * A runtime as {@link #create(Path, Consumer, LeftoversAtExit.Sleeper)}, whose last
	 * look for leaks at the end of the JVM goes to {@code leaksAtExit}.
	 */
	public static TempGuardRuntime create(Path tmpdir, Consumer<Runnable> leftoversAtExit,
			Consumer<Runnable> leaksAtExit, LeftoversAtExit.Sleeper sleeper) {
		return new TempGuardRuntime(tmpdir, leftoversAtExit, leaksAtExit, sleeper);
	}

}
