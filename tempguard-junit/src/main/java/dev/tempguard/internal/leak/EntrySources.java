package dev.tempguard.internal.leak;

import dev.tempguard.internal.settings.LeakDetectionSettings;

/**
 * Chooses how entries of watched directories are found, as
 * {@code tempguard.leak-detection.mode} says.
 */
final class EntrySources {

	private EntrySources() {
	}

	static EntrySource create(LeakDetectionSettings.Mode mode) {
		return new SnapshotSource();
	}

}
