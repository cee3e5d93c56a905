package dev.tempguard.internal.settings;

import dev.tempguard.CleanupMode;

/**
 * How a test context is cleaned and what a leak does.
 *
 * @param mode when to delete
 * @param failOnLeak whether a leak fails the test
 * @param deleteUntracked whether untracked leaks in watched directories are deleted once
 * reported
 * @param baseline the known leaks, which do not fail the test
 */
public record CleanupPolicy(CleanupMode mode, boolean failOnLeak, boolean deleteUntracked, BaselineSettings baseline) {

	public static final CleanupPolicy DEFAULT = new CleanupPolicy(CleanupMode.ALWAYS, false, false);

	/** A policy without a baseline. */
	public CleanupPolicy(CleanupMode mode, boolean failOnLeak, boolean deleteUntracked) {
		this(mode, failOnLeak, deleteUntracked, BaselineSettings.NONE);
	}

	/**
	 * This policy, with leaks only reported (at the end of the run nothing is left to
	 * fail).
	 */
	public CleanupPolicy reportOnly() {
		return new CleanupPolicy(this.mode, false, this.deleteUntracked, this.baseline);
	}

	/** Whether to keep the files of a context whose test {@code failed}. */
	public boolean keeps(boolean failed) {
		return this.mode == CleanupMode.NEVER || (this.mode == CleanupMode.ON_SUCCESS && failed);
	}

}
