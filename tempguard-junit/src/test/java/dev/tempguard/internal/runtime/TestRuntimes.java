package dev.tempguard.internal.runtime;

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

}
