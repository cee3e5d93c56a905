package dev.tempguard.internal.scope;

import java.io.IOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * A path that tempguard deletes when its scope is cleaned.
 *
 * @param path the absolute, normalized path
 * @param directory whether it was created or registered as a directory
 * @param realParent the real path of its directory when it was tracked, so that a directory later replaced
 * by a symbolic link is noticed before anything is deleted through it; {@code null} when there was none
 */
public record TrackedPath(Path path, boolean directory, @Nullable Path realParent) {

	/** Tracks {@code path}, taking the real path of its directory now. */
	public static TrackedPath of(Path path, boolean directory) {
		Path parent = path.getParent();
		Path realParent = null;
		if (parent != null) {
			try {
				realParent = parent.toRealPath();
			}
			catch (IOException ex) {
				// a directory that does not exist yet: nothing to compare with later
			}
		}
		return new TrackedPath(path, directory, realParent);
	}

}
