package dev.tempguard;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A temporary path that a test left behind.
 *
 * @param context the id of the test context it is reported against
 * @param path the path, absolute
 * @param reason why it is a leak
 * @param bytes its size; for a directory, the total of the files in it
 * @param files 1 for a file; for a directory, how many files it holds
 * @param cause for an undeletable path, why it could not be deleted
 * @param site for an entry left without the registry, where it was made (or why that is
 * unknown); {@code null} for a path the registry tracked
 * @param candidates for an {@link Reason#AMBIGUOUS ambiguous} entry, the ids of the tests
 * that were running when it appeared, one of which made it; else empty
 * @param openState for an undeletable path, whether this JVM still holds it open
 * @param openedAt for an undeletable path this JVM holds open, where it was opened, when
 * the agent saw it
 */
public record Leak(String context, Path path, Reason reason, long bytes, long files, @Nullable Throwable cause,
		@Nullable CreationSite site, List<String> candidates, OpenState openState, @Nullable CreationSite openedAt) {

	public Leak {
		candidates = List.copyOf(candidates);
	}

	/**
	 * A leak without a creation site, candidates or open state.
	 * @param context the id of the test context it is reported against
	 * @param path the path, absolute
	 * @param reason why it is a leak
	 * @param bytes its size
	 * @param files how many files it holds
	 * @param cause why it could not be deleted, or {@code null}
	 */
	public Leak(String context, Path path, Reason reason, long bytes, long files, @Nullable Throwable cause) {
		this(context, path, reason, bytes, files, cause, null, List.of(), OpenState.UNKNOWN, null);
	}

	/** Why a path is a leak. */
	public enum Reason {

		/** It was tracked by the registry, and could not be deleted after its test. */
		UNDELETABLE,

		/**
		 * It appeared in a watched directory during the test, without the registry, and
		 * outlived the test; reported against the run, it appeared outside every test.
		 */
		UNTRACKED,

		/**
		 * It was made without the registry by a thread of the test after the test ended,
		 * and outlived it.
		 */
		LATE,

		/**
		 * It appeared without the registry while several tests ran, and which one made it
		 * is not known: it is reported against the tests that were running (see
		 * {@link Leak#candidates()}).
		 */
		AMBIGUOUS

	}

	/**
	 * Whether this JVM still holds an undeletable path open: the usual reason it could
	 * not be deleted.
	 */
	public enum OpenState {

		/** A file descriptor of this JVM refers to it. */
		OPEN,

		/** No file descriptor of this JVM refers to it. */
		NOT_OPEN,

		/** Not known: the platform gives no way to tell, or it was not asked. */
		UNKNOWN

	}

	/**
	 * One line for a person: the path, its size, why it is a leak and where it was made.
	 */
	public String describe() {
		String size = (this.files == 1) ? this.bytes + " bytes" : this.bytes + " bytes in " + this.files + " files";
		String testClass = testClass();
		String where = (this.site != null) ? "; " + this.site.describe(testClass) : "";
		return switch (this.reason) {
			case UNTRACKED -> this.path + " (" + size + "; created "
					+ ((testClass != null) ? "during the test" : "outside every test,")
					+ " without the registry, and not deleted" + where + ")";
			case LATE -> this.path + " (" + size + "; created after " + this.context
					+ " ended, by a thread it started, and not deleted" + where + ")";
			case AMBIGUOUS ->
				this.path + " (" + size + "; created without the registry while several tests ran: one of "
						+ String.join(", ", this.candidates) + " made it" + where + ")";
			case UNDELETABLE -> this.path + " (" + size + "; could not be deleted: " + undeletableWhy() + ")";
		};
	}

	private String undeletableWhy() {
		String why = (this.cause != null) ? this.cause.getClass().getSimpleName()
				+ ((this.cause.getMessage() != null) ? ": " + this.cause.getMessage() : "") : "still there";
		return switch (this.openState) {
			case OPEN -> why + "; this JVM still holds it open"
					+ ((this.openedAt != null)
							? ", " + this.openedAt.describe(testClass()).replaceFirst("^made at", "opened at")
							: " (close the stream or channel that opened it)");
			case NOT_OPEN -> why + "; this JVM does not hold it open";
			case UNKNOWN -> why;
		};
	}

	/**
	 * The binary name of the test class of the context it is reported against, whose
	 * frames {@link CreationSite#userFrames} and {@link CreationSite#describe} name as
	 * the test line that led to it, such as {@code com.example.ReportTests} for
	 * {@code com.example.ReportTests#exports[1]}; {@code null} for the run.
	 */
	public @Nullable String testClass() {
		if (this.context.isEmpty() || "run".equals(this.context)) {
			return null;
		}
		int hash = this.context.indexOf('#');
		String name = (hash >= 0) ? this.context.substring(0, hash) : this.context;
		int bracket = name.indexOf('[');
		return (bracket >= 0) ? name.substring(0, bracket) : name;
	}

}
