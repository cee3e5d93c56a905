package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tempguard.CleanupMode;
import dev.tempguard.internal.settings.BaselineSettings;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.MaxAge;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Configuration of tempguard, under {@code tempguard.*}, typically in
 * {@code application-test.yml}.
 */
@ConfigurationProperties("tempguard")
public class TempGuardProperties {

	/**
	 * Whether tempguard is on: provides the TempFileRegistry, tracks and cleans temporary
	 * files in tests, sweeps, watches and reports. When false, the application context
	 * has no TempFileRegistry and its tests are left alone; tempguard is off for the
	 * whole test JVM when nothing else turned it on.
	 */
	private boolean enabled = true;

	/**
	 * Directory holding the temporary files that tempguard creates, one run directory per
	 * test JVM inside it. Must be a directory of tempguard's own: not a symbolic link,
	 * the filesystem root, the home or working directory, or an ancestor of them, nor
	 * owned by another user. Defaults to ${java.io.tmpdir}/tempguard-<user>, one per
	 * user.
	 */
	private @Nullable String rootDir;

	/**
	 * Age after which run directories that no live test JVM holds (left by crashed or
	 * killed runs, or kept by cleanup=on-success) are swept from root-dir. 0 sweeps every
	 * orphan at once.
	 */
	private Duration maxAge = Duration.ofHours(24);

	/**
	 * Whether a test that leaves temporary files behind fails with TempFileLeakError.
	 * When false, each leak is logged as a warning. Unset, the run's JUnit configuration
	 * parameter or system property applies (false by default).
	 */
	private @Nullable Boolean failOnLeak;

	/**
	 * When a test's temporary files are deleted: 'always' (after every test),
	 * 'on-success' (a failed test's files are kept for inspection and their paths
	 * logged), or 'never'. Unset, the run's JUnit configuration parameter or system
	 * property applies ('always' by default).
	 */
	private @Nullable CleanupMode cleanup;

	/**
	 * JSON file of known leaks, which are reported as known and do not fail tests
	 * (written from a test run's report with 'mvn tempguard:baseline'). A relative path
	 * is resolved against the working directory (the module's, under Maven). With
	 * tempguard.baseline.strict=true, a test class fails while the baseline knows leaks
	 * of its tests that no longer happen.
	 */
	private @Nullable String baseline;

	private final LeakDetection leakDetection = new LeakDetection();

	private final Sweep sweep = new Sweep();

	private final Report report = new Report();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	// a String, not a Path: Spring would resolve a Path such as "/" against the classpath
	// first
	public String getRootDir() {
		return (this.rootDir != null) ? this.rootDir : TempGuardSettings.defaultRootDir().toString();
	}

	public void setRootDir(String rootDir) {
		if (rootDir.isBlank()) {
			throw new IllegalArgumentException("tempguard.root-dir must not be empty; remove it to use the default "
					+ TempGuardSettings.DEFAULT_ROOT_DIR);
		}
		this.rootDir = rootDir;
	}

	/**
	 * The root-dir as a path, relative ones resolved against the working directory: the
	 * one set, else the default.
	 */
	public Path rootDirectory() {
		return Path.of(getRootDir()).toAbsolutePath().normalize();
	}

	/**
	 * These properties as the settings tempguard's core reads, what they leave unset at
	 * tempguard's defaults.
	 */
	public TempGuardSettings toSettings() {
		return toSettings(CleanupPolicy.DEFAULT, null);
	}

	/**
	 * These properties as the settings tempguard's core reads.
	 * @param run how the run cleans tests (its JUnit configuration parameters and system
	 * properties): what these properties leave unset keeps its value there
	 * @param baselineStrict {@code tempguard.baseline.strict}, which is no property of
	 * this class ({@code tempguard.baseline} is the file); {@code null} when unset
	 * @return the settings
	 */
	public TempGuardSettings toSettings(CleanupPolicy run, @Nullable Boolean baselineStrict) {
		BaselineSettings baselineSettings = new BaselineSettings(
				(this.baseline != null && !this.baseline.isBlank()) ? Path.of(this.baseline) : run.baseline().file(),
				(baselineStrict != null) ? baselineStrict : run.baseline().strict());
		Boolean deleteUntracked = this.leakDetection.getDeleteUntracked();
		CleanupPolicy policy = new CleanupPolicy((this.cleanup != null) ? this.cleanup : run.mode(),
				(this.failOnLeak != null) ? this.failOnLeak : run.failOnLeak(),
				(deleteUntracked != null) ? deleteUntracked : run.deleteUntracked(), baselineSettings);
		return new TempGuardSettings(this.enabled, rootDirectory(), this.rootDir != null, policy,
				new SweepSettings(this.sweep.isEnabled(), this.maxAge, this.sweep.isDryRun()),
				new LeakDetectionSettings(this.leakDetection.isEnabled(),
						this.leakDetection.getWatchDirs().stream().map(Path::of).toList(),
						this.leakDetection.getIgnore(), policy.deleteUntracked(), this.leakDetection.getMode(),
						this.leakDetection.getFrameworkLeftovers()),
				true, this.report.settings());
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = MaxAge.validate(maxAge);
	}

	public @Nullable Boolean getFailOnLeak() {
		return this.failOnLeak;
	}

	public void setFailOnLeak(@Nullable Boolean failOnLeak) {
		this.failOnLeak = failOnLeak;
	}

	public @Nullable String getBaseline() {
		return this.baseline;
	}

	public void setBaseline(@Nullable String baseline) {
		this.baseline = baseline;
	}

	public @Nullable CleanupMode getCleanup() {
		return this.cleanup;
	}

	public void setCleanup(@Nullable CleanupMode cleanup) {
		this.cleanup = cleanup;
	}

	public LeakDetection getLeakDetection() {
		return this.leakDetection;
	}

	public Sweep getSweep() {
		return this.sweep;
	}

	public Report getReport() {
		return this.report;
	}

	/**
	 * Detection of files that tests leave in watched directories without the registry.
	 */
	public static class LeakDetection {

		/**
		 * Whether entries that appear in the watched directories during a test and
		 * outlive it are reported as untracked leaks of that test.
		 */
		private boolean enabled = true;

		/**
		 * Directories whose direct entries are watched for untracked leaks. Defaults to
		 * the JVM's java.io.tmpdir.
		 */
		private List<String> watchDirs = new ArrayList<>(List.of(System.getProperty("java.io.tmpdir")));

		/**
		 * Extra glob patterns of entry names (or absolute paths) that are never reported,
		 * for example 'myapp-cache-*'. JUnit @TempDir directories, JVM and build-tool
		 * files and tempguard's own files are always ignored.
		 */
		private List<String> ignore = new ArrayList<>();

		/**
		 * Whether untracked leaks in watched directories are deleted after being
		 * reported. Off by default: a shared temporary directory can hold other
		 * processes' files. Unset, the run's JUnit configuration parameter or system
		 * property applies.
		 */
		private @Nullable Boolean deleteUntracked;

		/**
		 * How new entries of the watched directories are found: 'auto' (Linux's inotify
		 * where it can be read, else snapshots), 'inotify', or 'snapshot' (a listing
		 * compared with the previous one when the directory's modification time says it
		 * changed, as on macOS and Windows).
		 */
		private LeakDetectionSettings.Mode mode = LeakDetectionSettings.Mode.AUTO;

		/**
		 * Extra glob patterns of names of entries that application contexts leave in
		 * java.io.tmpdir when they start, for example 'myapp-cache-*' (no '/', at least 3
		 * literal characters): deleted once the contexts have closed, as the built-in
		 * ones (Tomcat, Jetty and Undertow work and document-base directories, Spring
		 * Boot's ApplicationTemp directory) are, when tempguard's agent saw the JVM make
		 * them.
		 */
		private List<String> frameworkLeftovers = new ArrayList<>();

		public List<String> getFrameworkLeftovers() {
			return this.frameworkLeftovers;
		}

		public void setFrameworkLeftovers(List<String> frameworkLeftovers) {
			this.frameworkLeftovers = frameworkLeftovers;
		}

		public LeakDetectionSettings.Mode getMode() {
			return this.mode;
		}

		public void setMode(LeakDetectionSettings.Mode mode) {
			this.mode = mode;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getWatchDirs() {
			return this.watchDirs;
		}

		public void setWatchDirs(List<String> watchDirs) {
			this.watchDirs = watchDirs;
		}

		public List<String> getIgnore() {
			return this.ignore;
		}

		public void setIgnore(List<String> ignore) {
			this.ignore = ignore;
		}

		public @Nullable Boolean getDeleteUntracked() {
			return this.deleteUntracked;
		}

		public void setDeleteUntracked(@Nullable Boolean deleteUntracked) {
			this.deleteUntracked = deleteUntracked;
		}

	}

	/** Sweeping of orphaned run directories, once per test JVM at start-up. */
	public static class Sweep {

		/**
		 * Whether the orphans of crashed or finished runs older than max-age are deleted
		 * from root-dir when a test JVM starts.
		 */
		private boolean enabled = true;

		/**
		 * Whether sweeping only logs what it would delete, and deletes nothing.
		 */
		private boolean dryRun = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isDryRun() {
			return this.dryRun;
		}

		public void setDryRun(boolean dryRun) {
			this.dryRun = dryRun;
		}

	}

	/** The end-of-run report. */
	public static class Report {

		/**
		 * Folder the report (report.json and index.html) is written to. Defaults to
		 * target/tempguard in the module's directory (build/tempguard under Gradle).
		 */
		private @Nullable String dir;

		/**
		 * Whether report.json and index.html are written at the end of the test run.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Whether tempguard's summary is printed at the end of the test run.
		 */
		private @Nullable Boolean summary;

		/**
		 * Folder where the report keeps the totals of the last builds, for its trend
		 * chart: one that survives 'mvn clean', such as a CI cache or artifact folder. No
		 * history when unset.
		 */
		private @Nullable String historyDir;

		/**
		 * How many builds the history keeps, 2 or more.
		 */
		private @Nullable Integer historySize;

		public @Nullable String getDir() {
			return this.dir;
		}

		public void setDir(@Nullable String dir) {
			this.dir = dir;
		}

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getSummary() {
			return this.summary;
		}

		public void setSummary(@Nullable Boolean summary) {
			this.summary = summary;
		}

		public @Nullable String getHistoryDir() {
			return this.historyDir;
		}

		public void setHistoryDir(@Nullable String historyDir) {
			this.historyDir = historyDir;
		}

		public @Nullable Integer getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(@Nullable Integer historySize) {
			this.historySize = historySize;
		}

		// only what this context sets: the rest keeps what the JUnit parameters or
		// another context said
		ReportSettings settings() {
			return new ReportSettings(path(this.dir), this.enabled, this.summary, path(this.historyDir),
					this.historySize);
		}

		private static @Nullable Path path(@Nullable String value) {
			return (value != null && !value.isBlank()) ? Path.of(value) : null;
		}

	}

}
