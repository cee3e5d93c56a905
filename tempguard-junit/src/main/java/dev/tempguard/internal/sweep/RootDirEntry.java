package dev.tempguard.internal.sweep;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Pattern;

import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.support.UserName;

/**
 * What an entry of root-dir is to the sweep: one of tempguard's own directories, which it
 * may delete, or a foreign entry, which it never touches. Only directories (never a
 * symbolic link) can be tempguard's, recognised by name and, for a run directory, by its
 * lock file, and only when this user owns it:
 * <ul>
 * <li>{@code run-<pid>-<start>-<random>} holding a regular file
 * {@value RunDirectory#LOCK_FILE};</li>
 * <li>{@code .creating-<run name>}: a run directory being created (its lock file may not
 * exist yet);</li>
 * <li>{@code .deleting-<run name or .creating- name>-<random>}: one that a sweep set
 * aside to delete.</li>
 * </ul>
 */
enum RootDirEntry {

	/** A run directory. */
	RUN,

	/** A run directory being created, before its lock is held. */
	CREATING,

	/** A run directory a sweep renamed aside to delete it. */
	DELETING,

	/** Anything else: not tempguard's, never deleted. */
	FOREIGN;

	private static final Pattern SET_ASIDE_SUFFIX = Pattern.compile("-[0-9a-f]{1,16}");

	/**
	 * @param path an entry of root-dir
	 * @param attributes its own attributes, a symbolic link's and not its target's
	 * @return what it is
	 */
	static RootDirEntry of(Path path, BasicFileAttributes attributes) {
		// another user's, even named as tempguard's, is theirs to sweep: a shared
		// root-dir where a user plants a run directory cannot make this one delete
		if (!attributes.isDirectory() || UserName.otherOwner(path) != null) {
			return FOREIGN;
		}
		String name = String.valueOf(path.getFileName());
		if (RunDirectory.isRunName(name)) {
			return Files.isRegularFile(path.resolve(RunDirectory.LOCK_FILE), LinkOption.NOFOLLOW_LINKS) ? RUN : FOREIGN;
		}
		if (isCreatingName(name)) {
			return CREATING;
		}
		if (name.startsWith(OrphanSweeper.DELETING_PREFIX)) {
			String aside = name.substring(OrphanSweeper.DELETING_PREFIX.length());
			int random = aside.lastIndexOf('-');
			if (random > 0 && SET_ASIDE_SUFFIX.matcher(aside.substring(random)).matches()) {
				String original = aside.substring(0, random);
				if (RunDirectory.isRunName(original) || isCreatingName(original)) {
					return DELETING;
				}
			}
		}
		return FOREIGN;
	}

	private static boolean isCreatingName(String name) {
		return name.startsWith(RunDirectory.CREATING_PREFIX)
				&& RunDirectory.isRunName(name.substring(RunDirectory.CREATING_PREFIX.length()));
	}

}
