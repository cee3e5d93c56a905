package dev.tempguard.internal.scope;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Makes {@link TrackedPath}s that share their directory with the path tracked before
 * them: consecutive paths mostly lie in the same directory (the run directory), so a
 * tracked path costs its name, not a whole path. One per runtime; thread-safe.
 */
public final class TrackedPaths {

	private final AtomicReference<@Nullable Path> lastParent = new AtomicReference<>();

	private final AtomicReference<@Nullable Path> lastRealParent = new AtomicReference<>();

	/**
	 * Tracks {@code path} (absolute, normalized), taking the real path of its directory
	 * now.
	 */
	public TrackedPath of(Path path, boolean directory) {
		Path parent = path.getParent();
		Path fileName = path.getFileName();
		if (parent == null || fileName == null) {
			return new TrackedPath(path, "", directory, null);
		}
		Path realParent = null;
		try {
			realParent = shared(this.lastRealParent, parent.toRealPath());
		}
		catch (IOException ex) {
			// a directory that does not exist yet: nothing to compare with later
		}
		return new TrackedPath(shared(this.lastParent, parent), fileName.toString(), directory, realParent);
	}

	/**
	 * {@code path}, or an equal Path taken before (Paths are immutable, equal ones
	 * interchangeable).
	 */
	private static Path shared(AtomicReference<@Nullable Path> last, Path path) {
		Path previous = last.get();
		if (previous != null && previous.equals(path)) {
			return previous;
		}
		last.set(path);
		return path;
	}

}
