package dev.tempguard.internal.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves a user's relative path inside a directory, refusing any that would lead out of
 * it.
 */
final class SafePaths {

	private SafePaths() {
	}

	/**
	 * {@code relativePath} resolved in {@code directory}, by name only.
	 * @throws IllegalArgumentException for an empty or absolute path, or one whose
	 * {@code ..} lead out
	 */
	static Path resolveName(Path directory, String relativePath) {
		Path relative = directory.getFileSystem().getPath(relativePath);
		Path resolved = directory.resolve(relative).normalize();
		if (relativePath.isEmpty() || relative.isAbsolute() || !resolved.startsWith(directory)
				|| resolved.equals(directory)) {
			throw new IllegalArgumentException("'" + relativePath + "' is not a path inside " + directory
					+ "; give a relative path that stays in it (no '..', not absolute)");
		}
		return resolved;
	}

	/**
	 * {@code relativePath} resolved in {@code directory} for writing: it must not go
	 * through a symbolic link that leads out of the directory, and must not itself be a
	 * symbolic link.
	 */
	static Path resolveForWrite(Path directory, String relativePath) {
		Path resolved = resolveName(directory, relativePath);
		Path existing = deepestExisting(resolved);
		if (existing.equals(resolved) && Files.isSymbolicLink(resolved)) {
			throw new IllegalArgumentException("'" + relativePath + "' in " + directory
					+ " is a symbolic link; tempguard does not write through links, nothing was written");
		}
		checkInside(directory, existing, relativePath);
		return resolved;
	}

	/**
	 * {@code relativePath} resolved in {@code directory} for reading: wherever links
	 * lead, it stays inside.
	 */
	static Path resolveForRead(Path directory, String relativePath) {
		Path resolved = resolveName(directory, relativePath);
		checkInside(directory, deepestExisting(resolved), relativePath);
		return resolved;
	}

	private static Path deepestExisting(Path path) {
		Path existing = path;
		while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		return existing;
	}

	private static void checkInside(Path directory, Path existing, String relativePath) {
		try {
			Path real = existing.toRealPath();
			if (!real.startsWith(directory.toRealPath())) {
				throw new IllegalArgumentException("'" + relativePath + "' leads out of " + directory
						+ " through a symbolic link (to " + real + "); nothing was written or read");
			}
		}
		catch (IOException ex) {
			if (Files.isSymbolicLink(existing)) {
				throw new IllegalArgumentException("'" + relativePath + "' goes through the symbolic link " + existing
						+ " whose target cannot be resolved; nothing was written or read", ex);
			}
			throw new UncheckedIOException("Could not check that " + existing + " lies inside " + directory, ex);
		}
	}

}
