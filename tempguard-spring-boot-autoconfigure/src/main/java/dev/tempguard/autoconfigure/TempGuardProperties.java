package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.tempguard.CleanupMode;

/**
 * Configuration of tempguard, under {@code tempguard.*}, typically in {@code application-test.yml}.
 */
@ConfigurationProperties("tempguard")
public class TempGuardProperties {

	/**
	 * Whether tempguard provides the TempFileRegistry and tracks and cleans temporary files in tests.
	 */
	private boolean enabled = true;

	/**
	 * Directory holding the temporary files that tempguard creates, one run directory per test JVM inside it.
	 * Must be a directory of tempguard's own: not a symbolic link, the filesystem root, the home or working
	 * directory, or an ancestor of them.
	 */
	private String rootDir = Path.of(System.getProperty("java.io.tmpdir"), "tempguard").toString();

	/**
	 * Age after which run directories that no live test JVM holds (left by crashed or killed runs, or kept by
	 * cleanup=on-success) are swept from root-dir. 0 sweeps every orphan at once.
	 */
	private Duration maxAge = Duration.ofHours(24);

	/**
	 * Whether a test that leaves temporary files behind fails with TempFileLeakError. When false, each leak is
	 * logged as a warning.
	 */
	private boolean failOnLeak = false;

	/**
	 * When a test's temporary files are deleted: 'always' (after every test), 'on-success' (a failed test's
	 * files are kept for inspection and their paths logged), or 'never'.
	 */
	private CleanupMode cleanup = CleanupMode.ALWAYS;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	// a String, not a Path: Spring would resolve a Path such as "/" against the classpath first
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

	public Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(Duration maxAge) {
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException(
					"tempguard.max-age must be zero or positive (for example 24h or 0), was " + maxAge);
		}
		this.maxAge = maxAge;
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

}
