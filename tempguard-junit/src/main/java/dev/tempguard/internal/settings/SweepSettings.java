package dev.tempguard.internal.settings;

import java.time.Duration;

/**
 * How a test JVM sweeps its root-dir at start-up: {@code tempguard.sweep.enabled},
 * {@code tempguard.max-age} and {@code tempguard.sweep.dry-run}.
 *
 * @param enabled whether orphans are swept at all
 * @param maxAge the age from which an orphan is deleted, zero or positive
 * @param dryRun whether the sweep only lists what it would delete
 */
public record SweepSettings(boolean enabled, Duration maxAge, boolean dryRun) {

	public SweepSettings {
		MaxAge.validate(maxAge);
	}

	/**
	 * No sweeping.
	 * @return the settings
	 */
	public static SweepSettings disabled() {
		return new SweepSettings(false, Duration.ofHours(24), false);
	}

}
