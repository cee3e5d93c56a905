package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.internal.settings.ReportHistorySettings;

/**
 * The totals of the last builds, kept in {@value #FILE} in the folder of
 * {@code tempguard.report.history-dir} so that the next build's report can draw the
 * trend. Each build has one entry, which the forks of the build update in turn, under a
 * file lock, as each writes the build's report.
 */
final class ReportHistory {

	/** The history file's name. */
	static final String FILE = "tempguard-history.json";

	/** The history file's format. */
	static final int VERSION = 1;

	private static final Log logger = LogFactory.getLog(ReportHistory.class);

	private final ReportHistorySettings settings;

	ReportHistory(ReportHistorySettings settings) {
		this.settings = settings;
	}

	/**
	 * {@code report} with the history it extends, after its build's totals were written
	 * to the history file; {@code report} as it is without a history folder, or when the
	 * history cannot be kept (a warning says why).
	 */
	RunReport update(RunReport report) {
		Path dir = this.settings.dir();
		if (dir == null) {
			return report;
		}
		try {
			Files.createDirectories(dir);
			synchronized (ReportHistory.class) {
				try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
						StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
					Path file = dir.resolve(FILE);
					List<RunReport.Build> builds = RunReport.Build.upsert(read(file), RunReport.Build.of(report),
							this.settings.size());
					ReportWriter.writeAtomically(file, JsonCodec.writeHistory(new File(VERSION, builds)));
					return report.withHistory(builds);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("tempguard keeps no history of builds in " + dir + " (tempguard.report.history-dir): " + ex);
			return report;
		}
	}

	// the builds of the history file; none when it does not exist yet, or cannot be read,
	// in which case it is moved aside, not lost
	private static List<RunReport.Build> read(Path file) throws IOException {
		if (!Files.exists(file)) {
			return List.of();
		}
		try {
			return JsonCodec.readHistory(file).builds();
		}
		catch (IOException ex) {
			Path aside = file.resolveSibling(FILE + ".unreadable");
			Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
			logger.warn("tempguard starts a new history of builds: " + ex.getMessage() + "; the file was moved to "
					+ aside);
			return List.of();
		}
	}

	/**
	 * The history file.
	 *
	 * @param version its format
	 * @param builds the totals of the last builds, oldest first
	 */
	record File(int version, List<RunReport.Build> builds) {

		File {
			builds = (builds != null) ? List.copyOf(builds) : List.of();
		}

	}

}
