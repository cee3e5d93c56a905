package dev.tempguard.internal.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.sweep.SweepReport.Entry;

/**
 * The sweep of a root-dir when a test JVM first uses it: one INFO line with the totals,
 * one line per entry that a dry run would delete, one WARN line per entry that could not
 * be deleted, and the foreign entries it left alone (the first {@value #FOREIGN_LISTED},
 * then how many more). It never fails the test run.
 */
public final class StartupSweep {

	/** Foreign entries listed one by one at most: root-dir may be a crowded folder. */
	static final int FOREIGN_LISTED = 10;

	private static final Log logger = LogFactory.getLog(StartupSweep.class);

	private StartupSweep() {
	}

	/**
	 * Sweeps {@code rootDir} as {@code settings} say, if they enable sweeping.
	 * @param engine the engine that deletes
	 * @param rootDir the root-dir, already validated
	 * @param settings max-age and dry run
	 * @param ownRunDirectories the run directories of this JVM, never touched
	 * @return the report, or {@code null} if sweeping is disabled or failed (then a
	 * warning was logged)
	 */
	public static @Nullable SweepReport run(DeletionEngine engine, Path rootDir, SweepSettings settings,
			Set<Path> ownRunDirectories) {
		if (!settings.enabled()) {
			return null;
		}
		try {
			SweepReport report = new OrphanSweeper(engine).sweep(rootDir, settings.maxAge(), settings.dryRun(),
					ownRunDirectories);
			if (report.dryRun()) {
				for (Entry entry : report.removed()) {
					logger.info("tempguard sweep (dry run) would delete " + entry.describe());
				}
			}
			for (Entry entry : report.failures()) {
				logger.warn("tempguard could not sweep " + entry.path() + ": " + entry.cause());
			}
			logger.info(report.summary());
			foreign(report);
			return report;
		}
		catch (RuntimeException ex) {
			logger.warn("tempguard could not sweep orphans from tempguard.root-dir=" + rootDir
					+ "; the tests run anyway: " + ex.getMessage(), ex);
			return null;
		}
	}

	private static void foreign(SweepReport report) {
		List<Entry> foreign = report.foreign();
		if (foreign.isEmpty()) {
			return;
		}
		logger.info("tempguard " + report.foreignNote());
		foreign.stream().limit(FOREIGN_LISTED).forEach((entry) -> logger.info("tempguard sweep: " + entry.describe()));
		if (foreign.size() > FOREIGN_LISTED) {
			logger.info("tempguard sweep: ... and " + (foreign.size() - FOREIGN_LISTED)
					+ " more foreign entries (mvn tempguard:sweep -Dtempguard.sweep.dry-run=true lists them all)");
		}
	}

}
