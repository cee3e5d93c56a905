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
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.settings.ReportHistorySettings;

/**
 * Writes the report files of a build under one directory ({@code target/tempguard} by
 * default, {@code build/tempguard} in a Gradle test worker):
 * {@code forks/<pid>-<start>.json} for this fork, then, under a file lock so that forks
 * finishing together do not interleave, {@code report.json} and {@code index.html} merged
 * from the fork files of the same build. The last fork of a build to finish writes the
 * complete page. With a history folder, the build's totals go to its history file too,
 * and the page draws the trend of the last builds.
 * <p>
 * Forks of the same build have the same parent process (or an unknown one): Maven's JVM
 * runs one build. Under Gradle the parent is the daemon, which runs build after build, so
 * a fork's build there is the forks of the same daemon whose lives overlap its own,
 * directly or through one another: the daemon runs one build at a time and stops a test
 * task's workers before the task ends.
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

	// whether forks of one parent are told apart by the overlap of their lives (Gradle)
	private final boolean daemonParent;

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
		this(directory, history, System::getProperty);
	}

	/**
	 * @param directory where to write
	 * @param properties the system properties that tell a Gradle test worker
	 */
	ReportWriter(Path directory, Function<String, @Nullable String> properties) {
		this(directory, ReportHistorySettings.NONE, properties);
	}

	private ReportWriter(Path directory, ReportHistorySettings history, Function<String, @Nullable String> properties) {
		this.directory = directory.toAbsolutePath().normalize();
		this.history = new ReportHistory(history);
		this.daemonParent = GradleWorker.isWorker(properties);
	}

	/**
	 * {@code tempguard.report.dir} when set, else {@code build/tempguard} in a Gradle
	 * test worker, else {@code target/tempguard} in the module's directory (surefire's
	 * {@code basedir}, else the working directory).
	 */
	public static Path defaultDirectory() {
		return defaultDirectory(System::getProperty);
	}

	static Path defaultDirectory(Function<String, @Nullable String> properties) {
		String configured = properties.apply(DIRECTORY_PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured);
		}
		if (GradleWorker.isWorker(properties)) {
			return GradleWorker.reportDirectory(properties);
		}
		String base = properties.apply("basedir");
		if (base == null || base.isBlank()) {
			base = properties.apply("user.dir");
		}
		return Paths.get((base != null) ? base : ".", "target", "tempguard");
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
				RunReport merged = this.history.update(RunReport.merge(sameBuild(forks, own, forkReport)));
				Path json = this.directory.resolve("report.json");
				Path html = this.directory.resolve("index.html");
				writeAtomically(json, JsonCodec.write(merged));
				writeAtomically(html, HtmlReport.render(merged));
				return new Written(json, html, merged.forks().size());
			}
		}
	}

	// this fork's report and those of forks of the same build, oldest first
	private List<RunReport> sameBuild(Path forks, Path own, RunReport ownReport) throws IOException {
		RunReport.Fork fork = ownReport.forks().get(0);
		List<RunReport> reports = new ArrayList<>();
		reports.add(ownReport);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(forks, "*.json")) {
			for (Path file : files) {
				if (file.equals(own)) {
					continue;
				}
				RunReport report;
				try {
					report = JsonCodec.read(file);
				}
				catch (IOException ex) {
					logger.debug("tempguard skips " + file + " in its report: " + ex.getMessage());
					continue;
				}
				if (report.forks().stream().allMatch(fork::sameBuild)) {
					reports.add(report);
				}
			}
		}
		reports.sort(Comparator.comparingLong(ReportWriter::startMillis).thenComparingLong(ReportWriter::pid));
		return this.daemonParent ? livingTogether(reports, ownReport) : reports;
	}

	/**
	 * The reports, sorted by start, whose forks lived at the same time as {@code own}'s,
	 * directly or through one another.
	 */
	static List<RunReport> livingTogether(List<RunReport> sorted, RunReport own) {
		List<RunReport> group = new ArrayList<>();
		long groupEnd = Long.MIN_VALUE;
		boolean ownIn = false;
		for (RunReport report : sorted) {
			if (!group.isEmpty() && startMillis(report) > groupEnd) {
				if (ownIn) {
					break;
				}
				group.clear();
			}
			group.add(report);
			groupEnd = Math.max(groupEnd, endMillis(report));
			ownIn |= (report == own);
		}
		return group;
	}

	private static long startMillis(RunReport report) {
		return report.forks().isEmpty() ? 0 : report.forks().get(0).startMillis();
	}

	private static long endMillis(RunReport report) {
		return report.forks().stream().mapToLong(RunReport.Fork::endMillis).max().orElse(0);
	}

	private static long pid(RunReport report) {
		return report.forks().isEmpty() ? 0 : report.forks().get(0).pid();
	}

	public static void writeAtomically(Path target, String content) throws IOException {
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
