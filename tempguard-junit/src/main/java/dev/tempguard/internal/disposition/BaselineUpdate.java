package dev.tempguard.internal.disposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.tempguard.internal.report.ReportMerger;
import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.report.RunReport;

/**
 * Writes or updates a baseline from a test run's report, as the Maven plugin's
 * {@code tempguard:baseline} does: the entries the report says are fixed go, each leak
 * neither allowed nor known comes in, the others stay as they are (with their notes).
 * What a user gave wrong is refused with an {@link IllegalArgumentException} naming the
 * setting and the path; a baseline that cannot be read is not overwritten.
 */
public final class BaselineUpdate {

	/** The setting that names the baseline file. */
	public static final String BASELINE = BaselineFile.SETTING;

	/** The setting that names the report to write it from. */
	public static final String REPORT = "tempguard.baseline.report";

	private BaselineUpdate() {
	}

	/**
	 * Writes {@code baseline}, sorted, from {@code report}.
	 * @param report a {@code report.json}, or the folder holding one
	 * @param baseline the baseline to update, or to write when it does not exist
	 * @return what changed
	 * @throws IllegalArgumentException when the report is missing or is not one, or the
	 * baseline exists and cannot be read
	 * @throws IOException when the baseline cannot be written
	 */
	public static Result update(Path report, Path baseline) throws IOException {
		Path reportFile = report.toAbsolutePath().normalize();
		if (Files.isDirectory(reportFile)) {
			reportFile = reportFile.resolve("report.json");
		}
		if (!Files.isRegularFile(reportFile)) {
			throw new IllegalArgumentException(REPORT + "=" + reportFile + " does not exist; run the tests first"
					+ " (they write target/tempguard/report.json, whether they pass or not), or name a report with -D"
					+ REPORT + "=<file>");
		}
		RunReport read = ReportMerger.read(reportFile, REPORT);
		Path file = baseline.toAbsolutePath().normalize();
		Map<String, BaselineEntry> entries = new TreeMap<>();
		if (Files.exists(file)) {
			BaselineFile.read(file).forEach((entry) -> entries.put(entry.key(), entry));
		}
		List<String> removed = new ArrayList<>();
		for (RunReport.Fixed fixed : read.fixed()) {
			if (entries.remove(fixed.key()) != null) {
				removed.add(fixed.key());
			}
		}
		List<String> added = new ArrayList<>();
		for (RunReport.TestEntry test : read.tests()) {
			for (RunReport.LeakEntry leak : test.leaks()) {
				RunReport.Disposition disposition = leak.disposition();
				if (RunReport.Disposition.ALLOWED.equals(disposition.status())
						|| (RunReport.Disposition.KNOWN.equals(disposition.status())
								&& entries.containsKey(disposition.baselineKey()))) {
					continue;
				}
				BaselineEntry entry = LeakKey.of(test.context(), leak.site(), leak.path()).entry();
				if (entries.putIfAbsent(entry.key(), entry) == null) {
					added.add(entry.key());
				}
			}
		}
		Path parent = file.getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		ReportWriter.writeAtomically(file, BaselineFile.write(entries.values()));
		added.sort(null);
		removed.sort(null);
		return new Result(file, reportFile, entries.size(), added, removed);
	}

	/**
	 * What {@link #update} did.
	 *
	 * @param baseline the baseline written
	 * @param report the report it was written from
	 * @param entries its entries now
	 * @param added the keys of the entries added, sorted
	 * @param removed the keys of the entries removed, sorted: the report says they no
	 * longer happen
	 */
	public record Result(Path baseline, Path report, int entries, List<String> added, List<String> removed) {

		public Result {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

	}

}
