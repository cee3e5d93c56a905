package dev.tempguard.internal.support;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a duration as Spring Boot's properties and tempguard's other settings are
 * written: {@code 24h}, {@code 30m}, {@code 90s}, {@code 250ms}, {@code 7d}, a bare
 * number of milliseconds such as {@code 0}, or ISO-8601 such as {@code PT24H}.
 */
public final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)(ns|us|ms|s|m|h|d)?$");

	private Durations() {
	}

	/**
	 * @param value the text
	 * @return the duration
	 * @throws IllegalArgumentException when {@code value} is not a duration
	 */
	public static Duration parse(String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		Matcher matcher = SIMPLE.matcher(text);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
			return switch (unit) {
				case "ns" -> Duration.ofNanos(amount);
				case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + value + "' is not a duration; give one such as 24h, 30m, 7d, 0 or PT24H", ex);
		}
	}

}
