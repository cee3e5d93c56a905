package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.support.UserName;

/**
 * Checks a {@code tempguard.root-dir} before anything is created in, or swept from, it. A
 * root-dir the user set must be fit for tempguard or tests fail to start; the default one
 * is replaced by a fallback when another user made it first.
 */
public final class RootDirectories {

	/**
	 * How many numbered fallbacks ({@code -1} to {@code -9}) the default root-dir has.
	 */
	static final int FALLBACKS = 9;

	private static final Log logger = LogFactory.getLog(RootDirectories.class);

	private RootDirectories() {
	}

	/**
	 * The absolute, normalized root-dir that the user set.
	 * @throws IllegalArgumentException when it is a dangerous path, a symbolic link, not
	 * a directory, or owned by another user
	 */
	public static Path validate(Path rootDir) {
		Path root = rootDir.toAbsolutePath().normalize();
		// the defaults only: a root-dir already in use by another application context is
		// protected, not refused
		if (PathGuard.defaults().isDangerous(root)) {
			throw new IllegalArgumentException("tempguard.root-dir=" + root
					+ " is a directory tempguard must never delete from (the filesystem root, user.home, user.dir or"
					+ " an ancestor of them); set it to a directory of its own, or remove it to use the default "
					+ TempGuardSettings.DEFAULT_ROOT_DIR);
		}
		Unfit unfit = unfit(root);
		if (unfit != null) {
			throw new IllegalArgumentException(
					"tempguard.root-dir=" + root + " " + unfit.what() + "; " + unfit.remedy());
		}
		return root;
	}

	/**
	 * The root-dir that a test run with {@code settings} uses: the one the user set (see
	 * {@link #validate}), else the default or its fallback (see {@link #resolveDefault}).
	 * @throws IllegalArgumentException when the root-dir set is not fit, or neither the
	 * default nor a fallback is, naming {@code tempguard.root-dir}
	 */
	public static Path of(TempGuardSettings settings) {
		return settings.rootDirSet() ? validate(settings.rootDir()) : resolveDefault(settings.rootDir());
	}

	/**
	 * The root-dir to use when {@code tempguard.root-dir} is not set: the default when it
	 * does not exist yet or is a directory of this user's own; else (on a machine that
	 * several users share, another user's run may have made it) the first of its
	 * fallbacks {@code <default>-1} to {@code <default>-9} that is, never a directory
	 * another user owns. Choosing a fallback is logged once per call as a warning, and so
	 * is a {@code java.io.tmpdir} (the directory the default is in) that does not exist.
	 * @param defaultRootDir the default root-dir
	 * @throws IllegalArgumentException when neither the default nor any fallback is fit,
	 * naming {@code tempguard.root-dir}
	 */
	public static Path resolveDefault(Path defaultRootDir) {
		Path preferred = defaultRootDir.toAbsolutePath().normalize();
		Path tmpdir = preferred.getParent();
		if (tmpdir != null && !Files.exists(tmpdir)) {
			// tests go on: the run directory is made with the directories above it
			logger.warn("java.io.tmpdir=" + tmpdir + " does not exist. tempguard makes it, with its default root-dir "
					+ preferred + " in it, when a test first creates a file through tempguard, and watches it for"
					+ " leaks from when it appears; until then Files.createTempFile fails. Create " + tmpdir
					+ " before the tests run, or point java.io.tmpdir at a directory that exists");
		}
		Unfit why = unfit(preferred);
		if (why == null) {
			return validate(preferred);
		}
		List<Path> tried = new ArrayList<>(List.of(preferred));
		for (int i = 1; i <= FALLBACKS; i++) {
			Path fallback = preferred.resolveSibling(preferred.getFileName() + "-" + i);
			if (unfit(fallback) == null) {
				logger.warn("tempguard's default root-dir " + preferred + " " + why.what() + "; tempguard uses "
						+ fallback + " instead. Set tempguard.root-dir to a directory of your"
						+ " own to choose it yourself");
				return validate(fallback);
			}
			tried.add(fallback);
		}
		throw new IllegalArgumentException("tempguard's default root-dir and its fallbacks " + tried
				+ " are not directories of this user's own (another user owns them, or they are links or files);"
				+ " set tempguard.root-dir to a directory of your own");
	}

	/**
	 * Why {@code root} cannot be a root-dir of this user's, or {@code null} when it can:
	 * it does not exist yet, or it is a directory (not a link) that this user owns.
	 */
	private static @Nullable Unfit unfit(Path root) {
		if (Files.isSymbolicLink(root)) {
			return new Unfit("is a symbolic link",
					"set it to the real directory so that no deletion goes through a link");
		}
		if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return new Unfit("is a file, not a directory", "remove it or choose another path");
		}
		String owner = foreignOwner(root);
		if (owner != null) {
			return new Unfit("is owned by another user (" + owner + ", not " + UserName.current() + ")",
					"set tempguard.root-dir to a directory of your own, or remove it to use the default "
							+ TempGuardSettings.DEFAULT_ROOT_DIR + ", which is one per user");
		}
		return null;
	}

	/**
	 * The owner of an existing {@code root} when it is not this user, else {@code null}:
	 * what it holds is not this user's to create or sweep.
	 */
	private static @Nullable String foreignOwner(Path root) {
		return Files.exists(root, LinkOption.NOFOLLOW_LINKS) ? UserName.otherOwner(root) : null;
	}

	/** What makes a path unfit as a root-dir, and what to do about it. */
	private record Unfit(String what, String remedy) {

	}

}
