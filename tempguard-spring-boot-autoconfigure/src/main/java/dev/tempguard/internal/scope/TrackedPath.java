package dev.tempguard.internal.scope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

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

	// The last real parent taken: paths tracked one after another mostly share a directory (the run directory),
	// and sharing one Path object for it keeps a tracked path's heap small
	private static final AtomicReference<@Nullable Path> lastRealParent = new AtomicReference<>();

	/** Tracks {@code path}, taking the real path of its directory now. */
	public static TrackedPath of(Path path, boolean directory) {
		Path parent = path.getParent();
		Path realParent = null;
		if (parent != null) {
			try {
				realParent = shared(parent.toRealPath());
			}
			catch (IOException ex) {
				// a directory that does not exist yet: nothing to compare with later
			}
		}
		return new TrackedPath(path, directory, realParent);
	}

	/** {@code realParent}, or an equal Path taken before (Paths are immutable, equal ones interchangeable). */
	static Path shared(Path realParent) {
		Path last = lastRealParent.get();
		if (realParent.equals(last)) {
			return last;
		}
		lastRealParent.set(realParent);
		return realParent;
	}

}
