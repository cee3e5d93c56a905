package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Merges the reports of several builds, shards or machines (their {@code report.json}, or
 * the folders holding one) into one {@code report.json} and {@code index.html}, as the
 * Maven plugin's {@code tempguard:merge} does. What a user gave wrong is refused with an
 * {@link IllegalArgumentException} naming the setting and the path.
 */
public final class ReportMerger {

	/** The setting that names the inputs, for error messages. */
	public static final String INPUTS = "tempguard.merge.inputs";

	/** The setting that names the output folder, for error messages. */
	public static final String OUTPUT = "tempguard.merge.output";

	private static final String REPORT = "report.json";

	private ReportMerger() {
	}

	/**
	 * Reads every input, checks that they can be merged, and writes the merged
	 * {@code report.json} and {@code index.html} to {@code output}.
	 * @param inputs folders holding a {@code report.json} (a build's
	 * {@code target/tempguard}) or {@code report.json} files, each given once
	 * @param output the folder to write to, created if needed
	 * @return what was written
	 * @throws IllegalArgumentException for no input, an input that is missing, is not a
	 * tempguard report or is of another format version, a fork found in two inputs, or an
	 * output that is one of the inputs' folders
	 * @throws IOException if the output cannot be written
	 */
	public static Merged merge(List<Path> inputs, Path output) throws IOException {
		if (inputs.isEmpty()) {
			throw new IllegalArgumentException(INPUTS
					+ " is empty; give the report folders (a build's target/tempguard) or report.json files to merge,"
					+ " separated by commas");
		}
		Path outputDirectory = output.toAbsolutePath().normalize();
		Set<Path> files = new LinkedHashSet<>();
		for (Path input : inputs) {
			files.add(reportFile(input));
		}
		Map<String, Path> forks = new HashMap<>();
		List<RunReport> reports = new ArrayList<>();
		for (Path file : files) {
			if (toRealPath(outputDirectory).equals(file.getParent())) {
				throw new IllegalArgumentException(OUTPUT + "=" + outputDirectory + " holds the input " + file
						+ ", which merging would overwrite; write the merged report to another folder");
			}
			RunReport report = read(file, INPUTS);
			for (RunReport.Fork fork : report.forks()) {
				String key = fork.host() + "/" + fork.pid() + "/" + fork.start();
				Path first = forks.putIfAbsent(key, file);
				if (first != null) {
					throw new IllegalArgumentException(INPUTS + ": the fork " + fork.pid() + " on " + fork.host()
							+ " started " + fork.start() + " is in both " + first + " and " + file
							+ " (a merged report and one of its parts?); give each report once");
				}
			}
			reports.add(report);
		}
		RunReport merged = RunReport.merge(reports);
		Files.createDirectories(outputDirectory);
		Path json = outputDirectory.resolve(REPORT);
		Path html = outputDirectory.resolve("index.html");
		ReportWriter.writeAtomically(json, JsonCodec.write(merged));
		ReportWriter.writeAtomically(html, HtmlReport.render(merged));
		return new Merged(json, html, reports.size(), merged);
	}

	// the report.json an input names, absolute and normalized
	private static Path reportFile(Path input) {
		Path path = input.toAbsolutePath().normalize();
		if (!Files.exists(path)) {
			throw new IllegalArgumentException(INPUTS + ": " + path + " does not exist; give the report folders"
					+ " (a build's target/tempguard) or report.json files to merge");
		}
		if (Files.isDirectory(path)) {
			Path file = path.resolve(REPORT);
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException(INPUTS + ": the folder " + path + " holds no " + REPORT
						+ "; give the folder a test run wrote its report to (target/tempguard, build/tempguard)"
						+ " or a report.json file");
			}
			return toRealPath(file);
		}
		return toRealPath(path);
	}

	private static Path toRealPath(Path file) {
		try {
			return file.toRealPath();
		}
		catch (IOException ex) {
			return file;
		}
	}

	/**
	 * Reads the report {@code file}, of any format version up to this tempguard's.
	 * @param file a {@code report.json}
	 * @param setting the setting that named it, for error messages
	 * @return the report
	 * @throws IllegalArgumentException naming the setting and the file, when it is not a
	 * file, not a tempguard report, or of a newer format version
	 */
	public static RunReport read(Path file, String setting) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(setting + ": " + file + " is not a file; give the report folders"
					+ " (a build's target/tempguard) or report.json files to merge");
		}
		int version;
		RunReport report;
		try {
			version = JsonCodec.version(file);
			if (version <= 0) {
				throw notAReport(setting, file, "it declares no format version", null);
			}
			// each version adds to the one before: this tempguard reads them all, up to
			// its own
			if (version > RunReport.VERSION) {
				throw new IllegalArgumentException(setting + ": " + file + " is a tempguard report of format version "
						+ version + ", and this tempguard reads versions 1 to " + RunReport.VERSION
						+ "; merge it with the tempguard version that wrote it, or write the reports again with one"
						+ " version");
			}
			report = JsonCodec.read(file);
		}
		catch (IOException ex) {
			throw notAReport(setting, file, (ex.getCause() instanceof JacksonException jackson)
					? jackson.getOriginalMessage() : String.valueOf(ex.getMessage()), ex);
		}
		if (isIncomplete(report)) {
			throw notAReport(setting, file, "it has no forks or totals", null);
		}
		return report;
	}

	private static IllegalArgumentException notAReport(String setting, Path file, String reason,
			@Nullable Exception cause) {
		return new IllegalArgumentException(setting + ": " + file + " is not a tempguard report (" + reason
				+ "); give the report.json a test run wrote", cause);
	}

	// what JSON without these members gives: Jackson leaves them null
	@SuppressWarnings("ConstantConditions")
	private static boolean isIncomplete(RunReport report) {
		return report.forks().isEmpty() || report.totals() == null;
	}

	/**
	 * What {@link #merge} wrote.
	 *
	 * @param json the merged {@code report.json}
	 * @param html the merged {@code index.html}
	 * @param inputs how many reports were merged
	 * @param report the merged report
	 */
	public record Merged(Path json, Path html, int inputs, RunReport report) {

	}

}
