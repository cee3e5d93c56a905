package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tempguard.CleanupMode;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.MaxAge;
import dev.tempguard.internal.settings.ReportHistorySettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Configuration of tempguard, under {@code tempguard.*}, typically in
 * {@code application-test.yml}.
 */
@ConfigurationProperties("tempguard")
public class TempGuardProperties {

	/**
	 * Whether tempguard provides the TempFileRegistry and tracks and cleans temporary
	 * files in tests.
	 */
	private boolean enabled = true;

	/**
	 * Directory holding the temporary files that tempguard creates, one run directory per
	 * test JVM inside it. Must be a directory of tempguard's own: not a symbolic link,
	 * the filesystem root, the home or working directory, or an ancestor of them.
	 */
	private String rootDir = Path.of(System.getProperty("java.io.tmpdir"), "tempguard").toString();

	/**
	 * Age after which run directories that no live test JVM holds (left by crashed or
	 * killed runs, or kept by cleanup=on-success) are swept from root-dir. 0 sweeps every
	 * orphan at once.
	 */
	private Duration maxAge = Duration.ofHours(24);

	/**
	 * Whether a test that leaves temporary files behind fails with TempFileLeakError.
	 * When false, each leak is logged as a warning.
	 */
	private boolean failOnLeak = false;

	/**
	 * When a test's temporary files are deleted: 'always' (after every test),
	 * 'on-success' (a failed test's files are kept for inspection and their paths
	 * logged), or 'never'.
	 */
	private CleanupMode cleanup = CleanupMode.ALWAYS;

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
		return this.rootDir;
	}

	public void setRootDir(String rootDir) {
		if (rootDir.isBlank()) {
			throw new IllegalArgumentException("tempguard.root-dir must not be empty; remove it to use the default "
					+ "${java.io.tmpdir}/tempguard");
		}
		this.rootDir = rootDir;
	}

	/** The root-dir as a path, relative ones resolved against the working directory. */
	public Path rootDirectory() {
		return Path.of(this.rootDir).toAbsolutePath().normalize();
	}

	/** These properties as the settings tempguard's core reads. */
	public TempGuardSettings toSettings() {
		CleanupPolicy policy = new CleanupPolicy(this.cleanup, this.failOnLeak, this.leakDetection.isDeleteUntracked());
		return new TempGuardSettings(this.enabled, rootDirectory(), policy,
				new SweepSettings(this.sweep.isEnabled(), this.maxAge, this.sweep.isDryRun()),
				new LeakDetectionSettings(this.leakDetection.isEnabled(),
						this.leakDetection.getWatchDirs().stream().map(Path::of).toList(),
						this.leakDetection.getIgnore(), policy.deleteUntracked()),
				this.report.historySettings());
	}

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		this.maxAge = MaxAge.validate(maxAge);
	}

	public boolean isFailOnLeak() {
		return this.failOnLeak;
	}

	public void setFailOnLeak(boolean failOnLeak) {
		this.failOnLeak = failOnLeak;
	}

	public CleanupMode getCleanup() {
		return this.cleanup;
	}

	public void setCleanup(CleanupMode cleanup) {
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
		 * processes' files.
		 */
		private boolean deleteUntracked = false;

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

		public boolean isDeleteUntracked() {
			return this.deleteUntracked;
		}

		public void setDeleteUntracked(boolean deleteUntracked) {
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
		 * Folder where the report keeps the totals of the last builds, for its trend
		 * chart: one that survives 'mvn clean', such as a CI cache or artifact folder. No
		 * history when unset.
		 */
		private @Nullable String historyDir;

		/**
		 * How many builds the history keeps, 2 or more.
		 */
		private int historySize = ReportHistorySettings.DEFAULT_SIZE;

		public @Nullable String getHistoryDir() {
			return this.historyDir;
		}

		public void setHistoryDir(@Nullable String historyDir) {
			this.historyDir = historyDir;
		}

		public int getHistorySize() {
			return this.historySize;
		}

		public void setHistorySize(int historySize) {
			this.historySize = historySize;
		}

		ReportHistorySettings historySettings() {
			return new ReportHistorySettings(
					(this.historyDir != null && !this.historyDir.isBlank()) ? Path.of(this.historyDir) : null,
					this.historySize);
		}

	}

}
