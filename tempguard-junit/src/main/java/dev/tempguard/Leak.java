package dev.tempguard;

import java.nio.file.Path;

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
 */
public record Leak(String context, Path path, Reason reason, long bytes, long files, @Nullable Throwable cause) {

	/** Why a path is a leak. */
	public enum Reason {

		/** It was tracked by the registry, and could not be deleted after its test. */
		UNDELETABLE,

		/**
		 * It appeared in a watched directory during the test, without the registry, and
		 * outlived the test.
		 */
		UNTRACKED

	}

	/** One line for a person: the path, its size, and why. */
	public String describe() {
		String size = (this.files == 1) ? this.bytes + " bytes" : this.bytes + " bytes in " + this.files + " files";
		if (this.reason == Reason.UNTRACKED) {
			return this.path + " (" + size + "; created during the test without the registry, and not deleted)";
		}
		String why = (this.cause != null) ? this.cause.getClass().getSimpleName()
				+ ((this.cause.getMessage() != null) ? ": " + this.cause.getMessage() : "") : "still there";
		return this.path + " (" + size + "; could not be deleted: " + why + ")";
	}

}
