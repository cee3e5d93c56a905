package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.internal.settings.ReportHistorySettings;

/**
 * Writes the report files of a build under one directory ({@code target/tempguard} by
 * default): {@code forks/<pid>-<start>.json} for this fork, then, under a file lock so
 * that forks finishing together do not interleave, {@code report.json} and
 * {@code index.html} merged from the fork files of the same build (the same parent
 * process, or an unknown one). The last fork of a build to finish writes the complete
 * page. With a history folder, the build's totals go to its history file too, and the
 * page draws the trend of the last builds.
 */
public final class ReportWriter {

	/**
	 * System property: the directory to write the report to, instead of
	 * {@code target/tempguard}.
	 */
	public static final String DIRECTORY_PROPERTY = "tempguard.report.dir";

	static final String JACKSON = "tools.jackson.databind.json.JsonMapper";

	private static final Log logger = LogFactory.getLog(ReportWriter.class);

	private final Path directory;

	private final ReportHistory history;

	/** A writer to {@code directory} that keeps no history of builds. */
	public ReportWriter(Path directory) {
		this(directory, ReportHistorySettings.NONE);
	}

	/**
	 * A writer to {@code directory} that keeps the history of builds as {@code history}
	 * says.
	 */
	public ReportWriter(Path directory, ReportHistorySettings history) {
		this.directory = directory.toAbsolutePath().normalize();
		this.history = new ReportHistory(history);
	}

	/**
	 * {@code tempguard.report.dir} when set, else {@code target/tempguard} in the
	 * module's directory (surefire's {@code basedir}, else the working directory).
	 */
	public static Path defaultDirectory() {
		String configured = System.getProperty(DIRECTORY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured);
		}
		String base = System.getProperty("basedir");
		if (base == null || base.isBlank()) {
			base = System.getProperty("user.dir", ".");
		}
		return Paths.get(base, "target", "tempguard");
	}

	/** Whether Jackson, which writes the JSON, is on the class path. */
	public static boolean jacksonPresent() {
		try {
			Class.forName(JACKSON, false, ReportWriter.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Writes this fork's report, then the build's {@code report.json} and
	 * {@code index.html} from every fork of the same build written so far, with the
	 * history of builds when there is one. Needs Jackson: check {@link #jacksonPresent()}
	 * first.
	 */
	public Written write(RunReport forkReport) throws IOException {
		if (forkReport.forks().size() != 1) {
			throw new IllegalArgumentException("a fork's report covers one fork, not " + forkReport.forks().size());
		}
		RunReport.Fork fork = forkReport.forks().get(0);
		Path forks = this.directory.resolve("forks");
		Files.createDirectories(forks);
		Path own = forks.resolve(fork.pid() + "-" + fork.startMillis() + ".json");
		// one JVM takes the file lock once at a time: a second attempt from this JVM
		// would fail, not wait
		synchronized (ReportWriter.class) {
			try (FileChannel channel = FileChannel.open(this.directory.resolve(".lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				writeAtomically(own, JsonCodec.write(forkReport));
				RunReport merged = this.history.update(RunReport.merge(sameBuild(forks, own, fork)));
				Path json = this.directory.resolve("report.json");
				Path html = this.directory.resolve("index.html");
				writeAtomically(json, JsonCodec.write(merged));
				writeAtomically(html, HtmlReport.render(merged));
				return new Written(json, html, merged.forks().size());
			}
		}
	}

	// this fork's report and those of forks of the same build, oldest first
	private static List<RunReport> sameBuild(Path forks, Path own, RunReport.Fork fork) throws IOException {
		List<RunReport> reports = new ArrayList<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(forks, "*.json")) {
			for (Path file : files) {
				RunReport report;
				try {
					report = JsonCodec.read(file);
				}
				catch (IOException ex) {
					logger.debug("tempguard skips " + file + " in its report: " + ex.getMessage());
					continue;
				}
				if (file.equals(own) || report.forks().stream().allMatch(fork::sameBuild)) {
					reports.add(report);
				}
			}
		}
		reports.sort(Comparator.comparingLong(ReportWriter::startMillis).thenComparingLong(ReportWriter::pid));
		return reports;
	}

	private static long startMillis(RunReport report) {
		return report.forks().isEmpty() ? 0 : report.forks().get(0).startMillis();
	}

	private static long pid(RunReport report) {
		return report.forks().isEmpty() ? 0 : report.forks().get(0).pid();
	}

	static void writeAtomically(Path target, String content) throws IOException {
		// not Files.createTempFile: its owner-only permissions would stay on the report
		Path temporary = target.resolveSibling(
				"." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
		try {
			Files.writeString(temporary, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * What {@link #write} wrote.
	 *
	 * @param json the build's {@code report.json}
	 * @param html the build's {@code index.html}
	 * @param forks how many forks they cover
	 */
	public record Written(Path json, Path html, int forks) {

	}

}
