package dev.tempguard.internal.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathSize;
import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.support.UserName;
import dev.tempguard.internal.sweep.SweepReport.Action;
import dev.tempguard.internal.sweep.SweepReport.Entry;

/**
 * Deletes the framework leftovers that a dead run recorded in its run directory (see
 * {@link LeftoverRecord}): its JVM died before its application contexts closed and it
 * could delete them. Its JVM is gone when the lock of its run directory can be taken (or
 * the directory was already renamed aside to be deleted), so its contexts are too:
 * whatever the run directory's age, each entry that is still the one recorded is deleted,
 * and the record keeps only those whose deletion failed. Nothing outside the recorded
 * {@code java.io.tmpdir} is ever deleted, nor anything another user owns, nor what a
 * record in another user's run directory names.
 */
final class LeftoverSweep {

	private final DeletionEngine engine;

	private final Clock clock;

	LeftoverSweep(DeletionEngine engine, Clock clock) {
		this.engine = engine;
		this.clock = clock;
	}

	/**
	 * Sweeps the framework leftovers recorded in {@code path}, a direct entry of
	 * root-dir, when it is a dead run's directory.
	 * @return one entry per leftover deleted, failed, or in a dry run that would be
	 * deleted
	 */
	List<Entry> sweep(Path path, boolean dryRun, Set<Path> own) {
		String name = String.valueOf(path.getFileName());
		boolean aside = name.startsWith(OrphanSweeper.DELETING_PREFIX);
		if ((!aside && !name.startsWith(RunDirectory.RUN_PREFIX)) || own.contains(path)
				|| RunDirectory.isHeldByThisJvm(path)
				|| !Files.isRegularFile(path.resolve(LeftoverRecord.FILE), LinkOption.NOFOLLOW_LINKS)
				// another user's record names what that user wants deleted: never trusted
				|| UserName.otherOwner(path) != null
				|| UserName.otherOwner(path.resolve(LeftoverRecord.FILE)) != null) {
			return List.of();
		}
		if (aside) {
			return apply(path, dryRun);
		}
		try (FileChannel channel = FileChannel.open(path.resolve(RunDirectory.LOCK_FILE), StandardOpenOption.READ,
				StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				// its JVM is alive: it deletes them itself
				return List.of();
			}
			try {
				return apply(path, dryRun);
			}
			finally {
				lock.release();
			}
		}
		catch (IOException | OverlappingFileLockException ex) {
			// no lock file, or held in this JVM: not provably dead
			return List.of();
		}
	}

	private List<Entry> apply(Path runDirectory, boolean dryRun) {
		Optional<LeftoverRecord> read = LeftoverRecord.read(runDirectory);
		if (read.isEmpty()) {
			return List.of();
		}
		LeftoverRecord record = read.get();
		List<Entry> entries = new ArrayList<>();
		if (dryRun) {
			for (LeftoverRecord.Entry entry : record.entries()) {
				if (entry.verify(record.tmpdir()) == null) {
					entries.add(entry(entry.path(), Action.WOULD_DELETE));
				}
			}
			return entries;
		}
		List<LeftoverRecord.Entry> failed = new ArrayList<>();
		List<Entry> measured = new ArrayList<>();
		for (LeftoverRecord.Entry entry : record.entries()) {
			measured.add(entry(entry.path(), Action.DELETED));
		}
		List<LeftoverRecord.Outcome> outcomes = record.delete(this.engine);
		for (int i = 0; i < outcomes.size(); i++) {
			LeftoverRecord.Outcome outcome = outcomes.get(i);
			Entry before = measured.get(i);
			if (outcome.failed()) {
				failed.add(outcome.entry());
				entries.add(new Entry(before.path(), before.age(), before.bytes(), before.files(), Action.FAILED,
						outcome.result().failures().size() + " path(s) could not be deleted, first "
								+ outcome.result().failures().get(0).path() + ": "
								+ outcome.result().failures().get(0).cause()));
			}
			else if (outcome.skipped() == null) {
				entries.add(before);
			}
		}
		try {
			new LeftoverRecord(record.tmpdir(), failed).write(runDirectory);
		}
		catch (RuntimeException ex) {
			// the record stays as it was: what is gone is skipped next time
		}
		return entries;
	}

	private Entry entry(Path path, Action action) {
		PathSize size = PathSize.of(path);
		Duration age = Duration.ZERO;
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			age = Duration.between(attributes.lastModifiedTime().toInstant(), this.clock.instant());
		}
		catch (IOException ex) {
			// gone or unreadable: no age
		}
		return new Entry(path, age.isNegative() ? Duration.ZERO : age, size.bytes(), size.files(), action, null);
	}

}
