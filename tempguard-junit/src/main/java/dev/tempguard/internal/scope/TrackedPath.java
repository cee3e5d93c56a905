package dev.tempguard.internal.scope;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A path that tempguard deletes when its scope is cleaned. It is kept as its directory
 * and its name, the directory shared with the paths tracked before it in the same
 * directory (see {@link TrackedPaths}): a tracked path then costs its name, not a whole
 * path. Two tracked paths are equal when their paths are.
 */
public final class TrackedPath {

	private final Path parent;

	private final String name;

	private final boolean directory;

	private final @Nullable Path realParent;

	TrackedPath(Path parent, String name, boolean directory, @Nullable Path realParent) {
		this.parent = parent;
		this.name = name;
		this.directory = directory;
		this.realParent = realParent;
	}

	/** A key to look {@code path} up among tracked paths; it tracks nothing itself. */
	static TrackedPath key(Path path) {
		Path parent = path.getParent();
		Path fileName = path.getFileName();
		return (parent != null && fileName != null) ? new TrackedPath(parent, fileName.toString(), false, null)
				: new TrackedPath(path, "", false, null);
	}

	/** The absolute, normalized path. */
	public Path path() {
		return this.name.isEmpty() ? this.parent : this.parent.resolve(this.name);
	}

	/** Whether it was created or registered as a directory. */
	public boolean directory() {
		return this.directory;
	}

	/**
	 * The real path of its directory when it was tracked, so that a directory later
	 * replaced by a symbolic link is noticed before anything is deleted through it;
	 * {@code null} when there was none.
	 */
	public @Nullable Path realParent() {
		return this.realParent;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TrackedPath tracked && this.name.equals(tracked.name)
				&& this.parent.equals(tracked.parent);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.parent, this.name);
	}

	@Override
	public String toString() {
		return path().toString();
	}

}
