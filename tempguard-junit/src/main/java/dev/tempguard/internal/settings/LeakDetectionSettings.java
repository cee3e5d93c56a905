package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code tempguard.leak-detection.*}: whether and where entries left without the registry
 * are looked for.
 *
 * @param enabled whether untracked leaks are looked for
 * @param watchDirs the directories whose direct entries are watched, absolute
 * @param ignore extra globs of entry names, or of absolute paths when they hold a
 * {@code /}
 * @param deleteUntracked whether untracked leaks are deleted once reported
 * @param mode how new entries of the watched directories are found
 */
public record LeakDetectionSettings(boolean enabled, List<Path> watchDirs, List<String> ignore, boolean deleteUntracked,
		Mode mode) {

	/**
	 * How new entries of the watched directories are found
	 * ({@code tempguard.leak-detection.mode}).
	 */
	public enum Mode {

		/**
		 * The kernel's notifications where tempguard can read them (inotify on Linux),
		 * else snapshots.
		 */
		AUTO,

		/**
		 * Linux's inotify, read on the thread that starts or ends a test; fails over to
		 * snapshots elsewhere.
		 */
		INOTIFY,

		/**
		 * A listing of each watched directory compared with the previous one, taken only
		 * when the directory's modification time says it changed: what macOS and Windows
		 * use.
		 */
		SNAPSHOT

	}

	public LeakDetectionSettings {
		watchDirs = watchDirs.stream().map((directory) -> directory.toAbsolutePath().normalize()).toList();
		ignore = List.copyOf(ignore);
	}

}
