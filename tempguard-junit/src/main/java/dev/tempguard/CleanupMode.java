package dev.tempguard;

/** When tempguard deletes a test's temporary files ({@code tempguard.cleanup}). */
public enum CleanupMode {

	/** After every test, passed or failed. */
	ALWAYS,

	/**
	 * After a passing test; a failed test's files are kept for inspection and their paths
	 * logged.
	 */
	ON_SUCCESS,

	/**
	 * Never; files are kept and their paths logged (until orphan sweeping removes them).
	 */
	NEVER

}
