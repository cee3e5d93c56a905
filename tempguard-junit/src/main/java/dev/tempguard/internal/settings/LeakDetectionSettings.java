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
 */
public record LeakDetectionSettings(boolean enabled, List<Path> watchDirs, List<String> ignore,
		boolean deleteUntracked) {

	public LeakDetectionSettings {
		watchDirs = watchDirs.stream().map((directory) -> directory.toAbsolutePath().normalize()).toList();
		ignore = List.copyOf(ignore);
	}

}
