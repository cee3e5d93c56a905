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

}
