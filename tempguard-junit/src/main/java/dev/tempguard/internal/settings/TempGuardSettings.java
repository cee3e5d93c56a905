package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupMode;
import dev.tempguard.internal.support.Durations;
import dev.tempguard.internal.support.UserName;

/**
 * Every {@code tempguard.*} setting, read from wherever the test framework keeps them: a
 * Spring {@code Environment} (through the Spring module's properties), JUnit
 * configuration parameters ({@code junit-platform.properties}) or system properties. Bad
 * values are refused with a message naming the setting and what to set instead.
 *
 * @param enabled {@code tempguard.enabled}
 * @param rootDir {@code tempguard.root-dir}, absolute; {@link #defaultRootDir()} when it
 * is not set
 * @param rootDirSet whether {@code tempguard.root-dir} was set: a root-dir that another
 * user owns is refused when it was, and replaced by a fallback when it is the default
 * @param policy {@code tempguard.cleanup}, {@code tempguard.fail-on-leak},
 * {@code tempguard.leak-detection.delete-untracked} and {@code tempguard.baseline.*}
 * @param sweep {@code tempguard.sweep.*} and {@code tempguard.max-age}
 * @param leakDetection {@code tempguard.leak-detection.*}
 * @param agent {@code tempguard.agent.enabled}: whether tempguard's agent sees files
 * where they are made
 * @param report {@code tempguard.report.*}
 */
public record TempGuardSettings(boolean enabled, Path rootDir, boolean rootDirSet, CleanupPolicy policy,
		SweepSettings sweep, LeakDetectionSettings leakDetection, boolean agent, ReportSettings report) {

	/** The prefix of every setting. */
	public static final String PREFIX = "tempguard.";

	public TempGuardSettings {
		rootDir = rootDir.toAbsolutePath().normalize();
	}

	/** How the default root-dir is written in messages and documentation. */
	public static final String DEFAULT_ROOT_DIR = "${java.io.tmpdir}/tempguard-<user>";

	/**
	 * The default root-dir, one per user as pytest's {@code pytest-of-<user>}:
	 * {@code ${java.io.tmpdir}/tempguard-<user>}, with the user's name made safe for a
	 * file name, so that users sharing a machine never share a root-dir.
	 */
	public static Path defaultRootDir() {
		return Path.of(System.getProperty("java.io.tmpdir"), "tempguard-" + UserName.forFileName());
	}

	/** The default watched directories: the JVM's {@code java.io.tmpdir}. */
	public static List<Path> defaultWatchDirs() {
		return List.of(Path.of(System.getProperty("java.io.tmpdir")));
	}

	/** Every setting at its default. */
	public static TempGuardSettings defaults() {
		return from((key) -> null);
	}

	/**
	 * Reads the settings from {@code source}, which gives the value of a key such as
	 * {@code tempguard.max-age}, or {@code null} when it is not set.
	 * @throws IllegalArgumentException for a value that is not valid, naming the key
	 */
	public static TempGuardSettings from(Function<String, @Nullable String> source) {
		Reader reader = new Reader(source);
		CleanupPolicy policy = new CleanupPolicy(reader.cleanupMode("cleanup", CleanupMode.ALWAYS),
				reader.bool("fail-on-leak", false), reader.bool("leak-detection.delete-untracked", false),
				BaselineSettings.read(reader));
		Duration maxAge = MaxAge.validate(reader.duration("max-age", Duration.ofHours(24)));
		SweepSettings sweep = new SweepSettings(reader.bool("sweep.enabled", true), maxAge,
				reader.bool("sweep.dry-run", false));
		List<Path> watchDirs = reader.list("leak-detection.watch-dirs").stream().map(Path::of).toList();
		LeakDetectionSettings leakDetection = new LeakDetectionSettings(reader.bool("leak-detection.enabled", true),
				watchDirs.isEmpty() ? defaultWatchDirs() : watchDirs, reader.list("leak-detection.ignore"),
				policy.deleteUntracked(), reader.mode("leak-detection.mode"),
				reader.list("leak-detection.framework-leftovers"));
		Path rootDir = reader.rootDir();
		return new TempGuardSettings(reader.bool("enabled", true), (rootDir != null) ? rootDir : defaultRootDir(),
				rootDir != null, policy, sweep, leakDetection, reader.bool("agent.enabled", true),
				ReportSettings.read(reader));
	}

	record Reader(Function<String, @Nullable String> source) {

		@Nullable String value(String name) {
			String value = this.source.apply(PREFIX + name);
			return (value != null) ? value.trim() : null;
		}

		boolean bool(String name, boolean defaultValue) {
			Boolean value = optionalBool(name);
			return (value != null) ? value : defaultValue;
		}

		@Nullable Boolean optionalBool(String name) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return null;
			}
			if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
				return Boolean.parseBoolean(value);
			}
			throw new IllegalArgumentException(
					PREFIX + name + "=" + value + " is not a boolean; set it to true or false");
		}

		@Nullable Path path(String name) {
			String value = value(name);
			return (value == null || value.isEmpty()) ? null : Path.of(value);
		}

		Duration duration(String name, Duration defaultValue) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return defaultValue;
			}
			try {
				return Durations.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(PREFIX + name + "=" + value
						+ " is not a duration; set it to one such as 24h, 30m, 7d, 0 or PT24H", ex);
			}
		}

		@Nullable Integer optionalInteger(String name) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return null;
			}
			try {
				return Integer.parseInt(value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						PREFIX + name + "=" + value + " is not a whole number; set it to one such as 20", ex);
			}
		}

		CleanupMode cleanupMode(String name, CleanupMode defaultValue) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return defaultValue;
			}
			String constant = value.toUpperCase(Locale.ROOT).replace('-', '_');
			for (CleanupMode mode : CleanupMode.values()) {
				if (mode.name().equals(constant)) {
					return mode;
				}
			}
			throw new IllegalArgumentException(
					PREFIX + name + "=" + value + " is not a cleanup mode; set it to always, on-success or never");
		}

		LeakDetectionSettings.Mode mode(String name) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return LeakDetectionSettings.Mode.AUTO;
			}
			for (LeakDetectionSettings.Mode mode : LeakDetectionSettings.Mode.values()) {
				if (mode.name().equalsIgnoreCase(value)) {
					return mode;
				}
			}
			throw new IllegalArgumentException(
					PREFIX + name + "=" + value + " is not a leak detection mode; set it to auto, inotify or snapshot");
		}

		List<String> list(String name) {
			String value = value(name);
			if (value == null || value.isEmpty()) {
				return List.of();
			}
			return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
		}

		/** The root-dir set, or {@code null} when it is not. */
		@Nullable Path rootDir() {
			String value = value("root-dir");
			if (value == null) {
				return null;
			}
			if (value.isEmpty()) {
				throw new IllegalArgumentException(
						PREFIX + "root-dir must not be empty; remove it to use the default " + DEFAULT_ROOT_DIR);
			}
			return Path.of(value);
		}

	}

}
