package dev.tempguard.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.report.ConsoleSummary;
import dev.tempguard.internal.report.ReportMerger;

/**
 * Merges the reports of several builds, shards or machines (for example the report
 * folders a CI job matrix uploaded) into one {@code report.json} and {@code index.html},
 * and prints the summary of them all. Fails, naming the path, for an input that is
 * missing, is not a tempguard report, or is of another format version.
 */
@Mojo(name = "merge", requiresProject = false, aggregator = true, threadSafe = true)
public class MergeMojo extends AbstractMojo {

	/**
	 * The reports to merge, separated by commas: folders a test run wrote its report to
	 * ({@code target/tempguard}, {@code build/tempguard}) or {@code report.json} files;
	 * relative to the project's directory.
	 */
	@Parameter(property = ReportMerger.INPUTS)
	@Nullable String inputs;

	/** The folder to write the merged {@code report.json} and {@code index.html} to. */
	@Parameter(property = ReportMerger.OUTPUT, defaultValue = "${project.build.directory}/tempguard-merged")
	@Nullable File output;

	/** The project's directory, the working directory without a project. */
	@Parameter(defaultValue = "${project.basedir}", readonly = true)
	@Nullable File basedir;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		List<Path> reports = Arrays.stream((this.inputs != null) ? this.inputs.split(",") : new String[0])
			.filter((input) -> !input.isBlank())
			.map((input) -> ProjectPaths.resolve(this.basedir, input))
			.toList();
		Path folder = (this.output != null) ? ProjectPaths.resolve(this.basedir, this.output.getPath())
				: ProjectPaths.resolve(this.basedir, "target/tempguard-merged");
		ReportMerger.Merged merged;
		try {
			merged = ReportMerger.merge(reports, folder);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new MojoExecutionException(
					"tempguard could not write the merged report to " + ReportMerger.OUTPUT + "=" + folder + ": " + ex,
					ex);
		}
		int forks = merged.report().forks().size();
		getLog().info("tempguard merged " + merged.inputs() + " reports (" + forks + ((forks == 1) ? " fork" : " forks")
				+ ") into " + folder);
		String where = merged.html() + " (and " + merged.json().getFileName() + ", " + forks
				+ ((forks == 1) ? " fork)" : " forks)");
		for (String line : ConsoleSummary.render(merged.report(), where).split("\n")) {
			getLog().info(line);
		}
	}

}
