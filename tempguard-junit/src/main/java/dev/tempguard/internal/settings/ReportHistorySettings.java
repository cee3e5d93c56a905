package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * {@code tempguard.report.history-dir} and {@code tempguard.report.history-size}: where
 * the report keeps the totals of the last builds, for the trend across builds.
 *
 * @param dir the folder of the history file, absolute; {@code null} for no history
 * @param size how many builds the history keeps, 2 or more
 */
public record ReportHistorySettings(@Nullable Path dir, int size) {

	/** The builds kept by default. */
	public static final int DEFAULT_SIZE = 20;

	/** No history. */
	public static final ReportHistorySettings NONE = new ReportHistorySettings(null, DEFAULT_SIZE);

	public ReportHistorySettings {
		if (size < 2) {
			throw new IllegalArgumentException(TempGuardSettings.PREFIX + "report.history-size=" + size
					+ " keeps no trend; set it to 2 or more (default " + DEFAULT_SIZE + ")");
		}
		dir = (dir != null) ? dir.toAbsolutePath().normalize() : null;
	}

	/**
	 * Reads only these two settings from {@code source}, which gives the value of a key
	 * such as {@code tempguard.report.history-dir}, or {@code null} when it is not set.
	 * @throws IllegalArgumentException for a value that is not valid, naming the key
	 */
	public static ReportHistorySettings from(Function<String, @Nullable String> source) {
		return read(new TempGuardSettings.Reader(source));
	}

	static ReportHistorySettings read(TempGuardSettings.Reader reader) {
		String dir = reader.value("report.history-dir");
		return new ReportHistorySettings((dir != null && !dir.isEmpty()) ? Path.of(dir) : null,
				reader.integer("report.history-size", DEFAULT_SIZE));
	}

}
