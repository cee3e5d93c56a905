package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.internal.support.HostName;
import dev.tempguard.internal.stats.Counters;

/**
 * The end of a run's reporting: writes this fork's report and the build's page, and gives
 * the console summary. Reporting never fails a run: what goes wrong is logged as a
 * warning.
 */
public final class RunReports {

	private static final Log logger = LogFactory.getLog(RunReports.class);

	private RunReports() {
	}

	/**
	 * Writes the report of a run to {@code directory}.
	 * @return the console summary, which says where the report is
	 */
	public static String endOfRun(RunRecorder recorder, Counters counters, Path directory) {
		try {
			RunReport report = RunReport.of(currentFork(), recorder, counters);
			return ConsoleSummary.render(report, recorder.leftovers(), write(report, directory));
		}
		catch (RuntimeException | LinkageError ex) {
			logger.warn("tempguard could not report on the run: " + ex, ex);
			return ConsoleSummary.firstLine(RunReport.Totals.of(counters));
		}
	}

	// where the report is, for the summary, or why there is none
	private static String write(RunReport report, Path directory) {
		if (!ReportWriter.jacksonPresent()) {
			logger.warn("tempguard writes no report: Jackson (tools.jackson.core:jackson-databind) is not on the"
					+ " test class path");
			return "not written (Jackson is not on the test class path)";
		}
		try {
			ReportWriter.Written written = new ReportWriter(directory).write(report);
			return written.html() + " (and " + written.json().getFileName() + ", " + written.forks()
					+ ((written.forks() == 1) ? " fork)" : " forks)");
		}
		catch (Exception | LinkageError ex) {
			logger.warn("tempguard could not write its report to " + directory + ": " + ex);
			logger.debug("tempguard could not write its report", ex);
			return "not written (" + ex + ")";
		}
	}

	/** This JVM, its parent, host and start, ended now. */
	static RunReport.Fork currentFork() {
		ProcessHandle self = ProcessHandle.current();
		Long parent = build(self).map(ProcessHandle::pid).orElse(null);
		Instant start = self.info().startInstant().orElseGet(Instant::now);
		return new RunReport.Fork(self.pid(), parent, HostName.current(),
				start.truncatedTo(ChronoUnit.MILLIS).toString(),
				Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
	}

	/**
	 * The process that started this JVM: for a surefire fork, the Maven JVM. On Unix
	 * surefire starts each fork through {@code /bin/sh -c}, so a shell parent is skipped
	 * for its own parent.
	 */
	static Optional<ProcessHandle> build(ProcessHandle self) {
		Optional<ProcessHandle> parent = self.parent();
		if (parent.isPresent() && isShell(parent.get())) {
			Optional<ProcessHandle> grandparent = parent.get().parent();
			if (grandparent.isPresent()) {
				return grandparent;
			}
		}
		return parent;
	}

	private static boolean isShell(ProcessHandle process) {
		String command = process.info().command().orElse("");
		String name = command.substring(command.lastIndexOf('/') + 1);
		return name.equals("sh") || name.equals("bash") || name.equals("dash") || name.equals("zsh");
	}

}
