package dev.tempguard.internal.settings;

import java.time.Duration;

/**
 * The one check of {@code tempguard.max-age}, wherever it is set (Spring property, JUnit
 * parameter, sweep).
 */
public final class MaxAge {

	/** The property. */
	public static final String PROPERTY = "tempguard.max-age";

	private MaxAge() {
	}

	/**
	 * @return {@code maxAge}
	 * @throws IllegalArgumentException when it is negative, naming the property and what
	 * to set
	 */
	public static Duration validate(Duration maxAge) {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException(
					PROPERTY + " must be zero or positive (for example 24h or 0), was " + maxAge);
		}
		return maxAge;
	}

}
