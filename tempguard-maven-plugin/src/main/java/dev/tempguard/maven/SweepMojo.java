package dev.tempguard.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.sweep.StandaloneSweep;
import dev.tempguard.internal.sweep.SweepReport;

/**
 * Sweeps tempguard's root-dir without running tests: deletes the run directories that
 * crashed, killed or finished test runs left once they are older than max-age, never a
 * live run's, never anything tempguard did not make. Prints every entry of root-dir with
 * its age, its size and what was done (deleted, would delete, kept and why, foreign and
 * not touched), then the totals. Fails when an entry could not be swept or the root-dir
 * is refused.
 * <p>
 * The settings have the names and meaning of tempguard's settings for tests.
 */
@Mojo(name = "sweep", requiresProject = false, aggregator = true, threadSafe = true)
public class SweepMojo extends AbstractMojo {

	/**
	 * The root-dir to sweep; relative to the project's directory. Default: the root-dir
	 * the tests use by default, under {@code java.io.tmpdir} of this JVM, or its fallback
	 * when another user owns it, as for the tests; a root-dir given that another user
	 * owns is refused.
	 */
	@Parameter(property = "tempguard.root-dir")
	@Nullable String rootDir;

	/**
	 * How old an orphan must be to be deleted: {@code 24h}, {@code 30m}, {@code 7d},
	 * {@code 0} (every orphan) or ISO-8601 such as {@code PT24H}.
	 */
	@Parameter(property = "tempguard.max-age", defaultValue = "24h")
	String maxAge = "24h";

	/** {@code true}: list what would be deleted, delete nothing. */
	@Parameter(property = "tempguard.sweep.dry-run", defaultValue = "false")
	String dryRun = "false";

	/** The project's directory, the working directory without a project. */
	@Parameter(defaultValue = "${project.basedir}", readonly = true)
	@Nullable File basedir;

	@Override
	public void execute() throws MojoFailureException {
		TempGuardSettings settings = settings();
		SweepReport report;
		try {
			report = StandaloneSweep.sweep(settings);
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			throw new MojoFailureException("tempguard sweep refused: " + ex.getMessage(), ex);
		}
		StandaloneSweep.lines(report).forEach(getLog()::info);
		if (!report.failures().isEmpty()) {
			throw new MojoFailureException(
					"tempguard could not sweep " + report.failures().size() + " of the entries of " + report.rootDir()
							+ " (marked failed above, with the cause); the next sweep tries again");
		}
	}

	// read and checked by the core, as the tests' settings are
	private TempGuardSettings settings() throws MojoFailureException {
		Map<String, String> values = new HashMap<>();
		if (this.rootDir != null) {
			values.put("tempguard.root-dir", ProjectPaths.resolve(this.basedir, this.rootDir).toString());
		}
		values.put("tempguard.max-age", this.maxAge);
		values.put("tempguard.sweep.dry-run", this.dryRun);
		try {
			return TempGuardSettings.from(values::get);
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
	}

}
