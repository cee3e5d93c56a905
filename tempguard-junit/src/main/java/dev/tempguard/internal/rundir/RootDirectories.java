package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import dev.tempguard.internal.cleanup.PathGuard;

/**
 * Checks a {@code tempguard.root-dir} before anything is created in, or swept from, it.
 */
public final class RootDirectories {

	private RootDirectories() {
	}

	/**
	 * The absolute, normalized root-dir.
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
					+ " an ancestor of them); set it to a directory of its own, such as ${java.io.tmpdir}/tempguard");
		}
		if (Files.isSymbolicLink(root)) {
			throw new IllegalArgumentException("tempguard.root-dir=" + root
					+ " is a symbolic link; set it to the real directory so that no deletion goes through a link");
		}
		if (Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			throw new IllegalArgumentException(
					"tempguard.root-dir=" + root + " is a file, not a directory; remove it or choose another path");
		}
		checkOwner(root);
		return root;
	}

	/**
	 * Refuses an existing root-dir that another user owns: what it holds is not this
	 * user's to create or sweep.
	 */
	private static void checkOwner(Path root) {
		String user = System.getProperty("user.name");
		if (user == null || user.isEmpty() || "?".equals(user) || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		String owner;
		try {
			owner = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return;
		}
		if (!owner.equals(user) && !owner.endsWith("\\" + user)) {
			throw new IllegalArgumentException("tempguard.root-dir=" + root + " is owned by another user (" + owner
					+ ", not " + user + "); set tempguard.root-dir to a directory of your own, such as"
					+ " ${java.io.tmpdir}/tempguard-" + user);
		}
	}

}
