package dev.tempguard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cleanup did: the paths it deleted, the paths it kept on purpose
 * ({@code cleanup=on-success} after a failed test) and every path it could not delete,
 * each with its cause.
 *
 * @param deleted paths that were deleted, children before parents
 * @param kept paths left in place on purpose
 * @param failures paths that could not be deleted, with why
 */
public record CleanupResult(List<Path> deleted, List<Path> kept, List<CleanupFailure> failures) {

	private static final CleanupResult EMPTY = new CleanupResult(List.of(), List.of(), List.of());

	public CleanupResult {
		deleted = List.copyOf(deleted);
		kept = List.copyOf(kept);
		failures = List.copyOf(failures);
	}

	public static CleanupResult empty() {
		return EMPTY;
	}

	/** {@code true} when nothing failed. */
	public boolean successful() {
		return this.failures.isEmpty();
	}

	/** This result followed by {@code other}. */
	public CleanupResult and(CleanupResult other) {
		if (other.deleted.isEmpty() && other.kept.isEmpty() && other.failures.isEmpty()) {
			return this;
		}
		return new CleanupResult(concat(this.deleted, other.deleted), concat(this.kept, other.kept),
				concat(this.failures, other.failures));
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first.size() + second.size());
		all.addAll(first);
		all.addAll(second);
		return all;
	}

	/**
	 * A path that could not be deleted.
	 *
	 * @param path the path, absolute
	 * @param cause why; for a path that outlived a cleanup without an error, a
	 * description of that
	 */
	public record CleanupFailure(Path path, Throwable cause) {

		@Override
		public String toString() {
			return this.path + " (" + this.cause + ")";
		}

	}

}
