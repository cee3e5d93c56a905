package dev.tempguard.internal.sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.support.Formats;

/**
 * What a sweep of a root-dir found and did, entry by entry.
 *
 * @param rootDir the root-dir that was swept
 * @param maxAge the age from which orphans are deleted
 * @param dryRun whether nothing was deleted on purpose
 * @param entries each direct entry of root-dir, by name
 */
public record SweepReport(Path rootDir, Duration maxAge, boolean dryRun, List<Entry> entries) {

	public SweepReport {
		entries = List.copyOf(entries);
	}

	/** What was done with an entry. */
	public enum Action {

		/** A run directory of this JVM. */
		KEPT_THIS_JVM("kept: live run (this JVM)"),

		/** A run directory whose lock another process holds. */
		KEPT_LIVE("kept: live run"),

		/**
		 * A run directory being created, younger than the grace period of such
		 * directories.
		 */
		KEPT_CREATING("kept: being created"),

		/** An orphan younger than max-age. */
		KEPT_YOUNG("kept: younger than max-age"),

		/** An orphan that was deleted. */
		DELETED("deleted"),

		/** An orphan that a dry run would have deleted. */
		WOULD_DELETE("would delete"),

		/** An entry that could not be checked or deleted; see {@link Entry#cause()}. */
		FAILED("failed"),

		/**
		 * An entry tempguard did not make (only its run directories and the directories
		 * it sets aside are its): never deleted, whatever its age.
		 */
		FOREIGN("foreign, not touched");

		private final String text;

		Action(String text) {
			this.text = text;
		}

		public String text() {
			return this.text;
		}

		/** Whether the entry is left in place on purpose. */
		public boolean kept() {
			return this == KEPT_THIS_JVM || this == KEPT_LIVE || this == KEPT_CREATING || this == KEPT_YOUNG;
		}

	}

	/**
	 * One direct entry of root-dir.
	 *
	 * @param path the entry, as it was named in root-dir
	 * @param age how long ago its run started (run directories whose lock records it) or
	 * it was last modified
	 * @param bytes the size of the regular files in it (or of it), symbolic links not
	 * followed; {@link #NOT_MEASURED} for a foreign directory
	 * @param files how many files (and symbolic links) it holds, or 1 for a file;
	 * {@link #NOT_MEASURED} for a foreign directory
	 * @param action what was done
	 * @param cause why it failed, for {@link Action#FAILED}
	 */
	public record Entry(Path path, Duration age, long bytes, long files, Action action, @Nullable String cause) {

		/** The size of a directory that was not walked: a foreign one. */
		public static final long NOT_MEASURED = -1;

		/** Its size and file count, such as {@code 1.4 MiB in 12 files}. */
		public String sizeText() {
			return (this.files == NOT_MEASURED) ? "not measured" : Formats.size(this.bytes, this.files);
		}

		/** The action, with the cause of a failure. */
		public String actionText() {
			return (this.action == Action.FAILED) ? "failed: " + this.cause : this.action.text();
		}

		/** One line: age, size, path and action. */
		public String describe() {
			return Formats.age(this.age) + "  " + sizeText() + "  " + this.path + "  " + actionText();
		}

	}

	public List<Entry> entries(Action action) {
		return this.entries.stream().filter((entry) -> entry.action() == action).toList();
	}

	/** The entries deleted, or in a dry run those that would be. */
	public List<Entry> removed() {
		return entries(this.dryRun ? Action.WOULD_DELETE : Action.DELETED);
	}

	public List<Entry> failures() {
		return entries(Action.FAILED);
	}

	/** The entries tempguard did not make, left alone. */
	public List<Entry> foreign() {
		return entries(Action.FOREIGN);
	}

	/** Bytes freed, or in a dry run the bytes that would be. */
	public long bytesFreed() {
		return removed().stream().mapToLong(Entry::bytes).sum();
	}

	/**
	 * The totals on one line, such as
	 * {@code 2 orphans deleted (1.4 MiB freed); kept: 1 live run; 0 failed}, with the
	 * foreign entries left alone when there are any
	 * ({@code ...; kept: 1 live run; 3 foreign entries not touched; 0 failed}).
	 */
	public String totals() {
		List<Entry> removed = removed();
		StringBuilder totals = new StringBuilder();
		totals.append(removed.size())
			.append(removed.size() == 1 ? " orphan " : " orphans ")
			.append(this.dryRun ? "would be deleted (" + Formats.bytes(bytesFreed()) + ")"
					: "deleted (" + Formats.bytes(bytesFreed()) + " freed)");
		totals.append("; kept: ");
		int kept = 0;
		for (Action action : Action.values()) {
			if (action.kept()) {
				int count = entries(action).size();
				if (count > 0) {
					totals.append(kept > 0 ? ", " : "").append(count).append(" ").append(keptText(action, count));
					kept++;
				}
			}
		}
		if (kept == 0) {
			totals.append("nothing");
		}
		int foreign = foreign().size();
		if (foreign > 0) {
			totals.append("; ").append(foreign).append(foreign == 1 ? " foreign entry" : " foreign entries");
			totals.append(" not touched");
		}
		totals.append("; ").append(failures().size()).append(" failed");
		return totals.toString();
	}

	/**
	 * Why the foreign entries were left alone, such as
	 * {@code leaves alone 2 entries of tempguard.root-dir=/data that it did not make ...}.
	 */
	public String foreignNote() {
		int count = foreign().size();
		return "leaves alone " + count + ((count == 1) ? " entry" : " entries") + " of tempguard.root-dir="
				+ this.rootDir + " that it did not make (it deletes only its own run-* directories and what it set"
				+ " aside); give tempguard a root-dir of its own to keep them apart";
	}

	/** One line for the log: what was swept where, and the totals. */
	public String summary() {
		return "tempguard "
				+ (this.dryRun ? "dry run (tempguard.sweep.dry-run=true, nothing deleted) of a sweep of " : "swept ")
				+ this.rootDir + " (tempguard.max-age=" + Formats.setting(this.maxAge) + "): " + totals();
	}

	private static String keptText(Action action, int count) {
		return switch (action) {
			case KEPT_THIS_JVM -> (count == 1) ? "run of this JVM" : "runs of this JVM";
			case KEPT_LIVE -> (count == 1) ? "live run" : "live runs";
			case KEPT_CREATING -> "being created";
			default -> "younger than max-age";
		};
	}

}
