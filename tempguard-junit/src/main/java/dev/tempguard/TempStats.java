package dev.tempguard;

import java.util.Map;

/**
 * What tempguard tracks now, and what it did since the JVM started.
 *
 * @param contexts open test contexts (the run context included)
 * @param totalFiles paths tracked now, in every context
 * @param filesByContext for each open context, the paths created or registered through
 * the API in it that are still tracked (files that appeared inside a tracked directory by
 * other means are not counted)
 * @param created paths created or registered through the API
 * @param deleted tracked paths deleted by a cleanup, or found already gone
 * @param leaked tracked paths that still existed after their cleanup
 * @param kept tracked paths kept on purpose ({@code cleanup=on-success} after a failure,
 * {@code cleanup=never})
 * @param cleanupFailures paths (tracked ones or inside tracked directories) that a
 * cleanup could not delete
 * @param untrackedLeaks entries that tests left in watched directories without the
 * registry
 */
public record TempStats(int contexts, int totalFiles, Map<String, Integer> filesByContext, long created, long deleted,
		long leaked, long kept, long cleanupFailures, long untrackedLeaks) {

	public TempStats {
		filesByContext = Map.copyOf(filesByContext);
	}

}
