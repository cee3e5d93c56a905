package dev.tempguard.internal.support;

import java.time.Duration;
import java.util.Locale;

/**
 * How tempguard writes sizes and durations for people: one format everywhere (summary,
 * report, sweep).
 */
public final class Formats {

	private static final String[] UNITS = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };

	private Formats() {
	}

	/** A size such as {@code 512 B} or {@code 1.4 MiB}. */
	public static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
	}

	/** A size with its file count, such as {@code 1.4 MiB in 12 files}. */
	public static String size(long bytes, long files) {
		return bytes(bytes) + " in " + files + ((files == 1) ? " file" : " files");
	}

	/**
	 * An age such as {@code 0s}, {@code 45s}, {@code 12m 03s}, {@code 3h 05m}, {@code 3h}
	 * or {@code 2d 04h}.
	 */
	public static String age(Duration age) {
		long seconds = Math.max(0, age.getSeconds());
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return twoUnits(seconds / 60, "m", seconds % 60, "s");
		}
		if (seconds < 86400) {
			return twoUnits(seconds / 3600, "h", (seconds % 3600) / 60, "m");
		}
		return twoUnits(seconds / 86400, "d", (seconds % 86400) / 3600, "h");
	}

	private static String twoUnits(long first, String firstUnit, long second, String secondUnit) {
		return (second == 0) ? first + firstUnit
				: String.format(Locale.ROOT, "%d%s %02d%s", first, firstUnit, second, secondUnit);
	}

	/**
	 * A duration as a setting would be written: {@code 0}, {@code 24h}, {@code 30m},
	 * {@code 90s}, {@code 250ms}.
	 */
	public static String setting(Duration duration) {
		if (duration.isZero()) {
			return "0";
		}
		long millis = duration.toMillis();
		if (millis % 3_600_000 == 0) {
			return millis / 3_600_000 + "h";
		}
		if (millis % 60_000 == 0) {
			return millis / 60_000 + "m";
		}
		if (millis % 1000 == 0) {
			return millis / 1000 + "s";
		}
		return millis + "ms";
	}

}
