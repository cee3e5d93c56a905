package dev.tempguard.internal.cleanup;

import dev.tempguard.CleanupMode;

/**
 * How a test context is cleaned and what a leak does.
 *
 * @param mode when to delete
 * @param failOnLeak whether a leak fails the test
 */
public record CleanupPolicy(CleanupMode mode, boolean failOnLeak) {

	public static final CleanupPolicy DEFAULT = new CleanupPolicy(CleanupMode.ALWAYS, false);

	/** Whether to keep the files of a context whose test {@code failed}. */
	public boolean keeps(boolean failed) {
		return this.mode == CleanupMode.NEVER || (this.mode == CleanupMode.ON_SUCCESS && failed);
	}

}
