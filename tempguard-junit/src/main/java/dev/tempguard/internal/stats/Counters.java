package dev.tempguard.internal.stats;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.tempguard.TempStats;

/** Lifetime counts of what tempguard created, deleted, kept and could not delete. */
public final class Counters {

	private final LongAdder createdFiles = new LongAdder();

	private final LongAdder createdDirectories = new LongAdder();

	private final LongAdder deleted = new LongAdder();

	private final LongAdder leaked = new LongAdder();

	private final LongAdder kept = new LongAdder();

	private final LongAdder cleanupFailures = new LongAdder();

	private final LongAdder untrackedLeaks = new LongAdder();

	private final LongAdder testsCleaned = new LongAdder();

	private final LongAdder cleanupNanos = new LongAdder();

	private final LongAdder cleanings = new LongAdder();

	public void created(boolean directory) {
		(directory ? this.createdDirectories : this.createdFiles).increment();
	}

	public void cleaned(long deleted, long leaked, long kept, long failures) {
		this.deleted.add(deleted);
		this.leaked.add(leaked);
		this.kept.add(kept);
		this.cleanupFailures.add(failures);
	}

	/**
	 * A test method's context was cleaned, taking {@code nanos}; {@code test} is false
	 * for other contexts.
	 */
	public void cleaning(boolean test, long nanos) {
		if (test) {
			this.testsCleaned.increment();
		}
		this.cleanings.increment();
		this.cleanupNanos.add(nanos);
	}

	/**
	 * Contexts cleaned, of every kind: the count that goes with {@link #cleanupNanos()}.
	 */
	public long cleanings() {
		return this.cleanings.sum();
	}

	public long testsCleaned() {
		return this.testsCleaned.sum();
	}

	public long cleanupNanos() {
		return this.cleanupNanos.sum();
	}

	public void untrackedLeaks(long count) {
		this.untrackedLeaks.add(count);
	}

	/** Entries that tests left in watched directories without the registry. */
	public long untrackedLeaks() {
		return this.untrackedLeaks.sum();
	}

	public long created() {
		return this.createdFiles.sum() + this.createdDirectories.sum();
	}

	public long createdFiles() {
		return this.createdFiles.sum();
	}

	public long createdDirectories() {
		return this.createdDirectories.sum();
	}

	public long deleted() {
		return this.deleted.sum();
	}

	public long leaked() {
		return this.leaked.sum();
	}

	public long kept() {
		return this.kept.sum();
	}

	public long cleanupFailures() {
		return this.cleanupFailures.sum();
	}

	/**
	 * These counts, with what is tracked now: the paths of each open context, by context
	 * id.
	 */
	public TempStats stats(Map<String, Integer> trackedByContext) {
		int total = trackedByContext.values().stream().mapToInt(Integer::intValue).sum();
		return new TempStats(trackedByContext.size(), total, trackedByContext, created(), deleted(), leaked(), kept(),
				cleanupFailures(), untrackedLeaks());
	}

}
