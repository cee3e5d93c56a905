package dev.tempguard.internal.settings;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.PatternSyntaxException;

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
 * @param frameworkLeftovers extra globs of names of entries that application contexts
 * leave in {@code java.io.tmpdir} when they start, deleted once they closed, besides the
 * built-in catalogue; each without {@code /} and with at least
 * {@value #MIN_LITERAL_CHARACTERS} literal characters
 */
public record LeakDetectionSettings(boolean enabled, List<Path> watchDirs, List<String> ignore, boolean deleteUntracked,
		Mode mode, List<String> frameworkLeftovers) {

	/** The setting of {@link #frameworkLeftovers()}. */
	public static final String FRAMEWORK_LEFTOVERS = "tempguard.leak-detection.framework-leftovers";

	/**
	 * How many literal characters a glob of {@link #FRAMEWORK_LEFTOVERS} needs at least,
	 * so that it names something rather than matching almost any name.
	 */
	public static final int MIN_LITERAL_CHARACTERS = 3;

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
		frameworkLeftovers = List.copyOf(frameworkLeftovers);
		frameworkLeftovers.forEach(LeakDetectionSettings::validateFrameworkLeftover);
	}

	/** Settings with no extra framework leftovers. */
	public LeakDetectionSettings(boolean enabled, List<Path> watchDirs, List<String> ignore, boolean deleteUntracked,
			Mode mode) {
		this(enabled, watchDirs, ignore, deleteUntracked, mode, List.of());
	}

	// a name glob: what it matches is deleted, so it must never reach beyond
	// java.io.tmpdir
	private static void validateFrameworkLeftover(String glob) {
		if (glob.isBlank() || glob.contains("/") || glob.contains(java.io.File.separator)) {
			throw new IllegalArgumentException(FRAMEWORK_LEFTOVERS + "=" + glob
					+ " is not a glob of entry names in java.io.tmpdir; give one such as 'myapp-cache-*', without '/'");
		}
		try {
			FileSystems.getDefault().getPathMatcher("glob:" + glob);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException(
					FRAMEWORK_LEFTOVERS + "=" + glob + " is not a valid glob: " + ex.getDescription(), ex);
		}
		int literal = literalCharacters(glob);
		if (literal < MIN_LITERAL_CHARACTERS) {
			throw new IllegalArgumentException(FRAMEWORK_LEFTOVERS + "=" + glob + " has " + literal
					+ " literal character(s), so it would make almost every name in java.io.tmpdir a framework"
					+ " leftover; give the fixed part of the names, at least " + MIN_LITERAL_CHARACTERS
					+ " characters besides *, ? and [...], such as 'myapp-cache-*'");
		}
	}

	// the fewest characters a name matching the glob must have literally: none for *, ?
	// and [...]; a {a,b} group counts as its shortest alternative (groups do not nest)
	static int literalCharacters(String glob) {
		int count = 0;
		int i = 0;
		while (i < glob.length()) {
			char c = glob.charAt(i);
			if (c == '\\' && i + 1 < glob.length()) {
				count++;
				i += 2;
			}
			else if (c == '[') {
				int end = glob.indexOf(']', i + 1);
				i = (end < 0) ? glob.length() : end + 1;
			}
			else if (c == '{') {
				int end = glob.indexOf('}', i + 1);
				end = (end < 0) ? glob.length() : end;
				int shortest = Integer.MAX_VALUE;
				for (String alternative : glob.substring(i + 1, end).split(",", -1)) {
					shortest = Math.min(shortest, literalCharacters(alternative));
				}
				count += shortest;
				i = end + 1;
			}
			else {
				count += (c == '*' || c == '?') ? 0 : 1;
				i++;
			}
		}
		return count;
	}

}
