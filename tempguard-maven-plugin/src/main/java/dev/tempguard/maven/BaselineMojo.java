package dev.tempguard.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.disposition.BaselineUpdate;

/**
 * Writes or updates the baseline of known leaks ({@code tempguard.baseline}) from a test
 * run's report: the leaks of the report that are neither allowed nor known come in,
 * sorted, one per line; the entries it says no longer happen go; the others stay. Runs in
 * each module (a {@code pom} module is skipped). Fails, naming the path, when the report
 * is missing or is not one, or when the baseline exists and cannot be read (it is then
 * left as it is).
 */
@Mojo(name = "baseline", threadSafe = true)
public class BaselineMojo extends AbstractMojo {

	/**
	 * The baseline file to write or update, relative to the module's directory, such as
	 * {@code src/test/tempguard-baseline.json}: the file the tests name in
	 * {@code tempguard.baseline}.
	 */
	@Parameter(property = BaselineUpdate.BASELINE)
	@Nullable String baseline;

	/**
	 * The report to write it from: a {@code report.json} or the folder holding one,
	 * relative to the module's directory. Default: the module's
	 * {@code target/tempguard/report.json}.
	 */
	@Parameter(property = BaselineUpdate.REPORT)
	@Nullable String report;

	/** The module's directory. */
	@Parameter(defaultValue = "${project.basedir}", readonly = true)
	@Nullable File basedir;

	/** The module's build directory, where its tests write their report. */
	@Parameter(defaultValue = "${project.build.directory}", readonly = true)
	@Nullable File buildDirectory;

	/** The module's packaging: a {@code pom} module runs no tests. */
	@Parameter(defaultValue = "${project.packaging}", readonly = true)
	String packaging = "jar";

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.baseline == null || this.baseline.isBlank()) {
			throw new MojoFailureException(BaselineUpdate.BASELINE + " is not set; give the baseline file to write,"
					+ " as in mvn tempguard:baseline -D" + BaselineUpdate.BASELINE
					+ "=src/test/tempguard-baseline.json");
		}
		if ("pom".equals(this.packaging) && this.report == null) {
			getLog().info("tempguard:baseline skips this pom module: it runs no tests");
			return;
		}
		Path reportPath = (this.report != null) ? ProjectPaths.resolve(this.basedir, this.report)
				: ProjectPaths.resolve(this.buildDirectory, "tempguard/report.json");
		Path baselinePath = ProjectPaths.resolve(this.basedir, this.baseline);
		BaselineUpdate.Result result;
		try {
			result = BaselineUpdate.update(reportPath, baselinePath);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new MojoExecutionException("tempguard could not write the baseline " + BaselineUpdate.BASELINE + "="
					+ baselinePath + ": " + ex, ex);
		}
		getLog().info("tempguard wrote the baseline " + result.baseline() + " from " + result.report() + ": "
				+ result.entries() + ((result.entries() == 1) ? " entry (" : " entries (") + result.added().size()
				+ " added, " + result.removed().size() + " removed: no longer seen)");
		result.added().forEach((key) -> getLog().info("  + " + key));
		result.removed().forEach((key) -> getLog().info("  - " + key));
	}

}
