package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Finds new entries by comparing a listing of each watched directory with the previous
 * one, as it works on every operating system. A directory is listed again only when its
 * modification time changed since the last listing, or when that listing was taken so
 * soon after the last change that a change within the same tick of the file system's
 * clock could have been missed (the "racy" rule of git's index): a directory that changes
 * no more costs one {@code stat} per transition.
 */
final class SnapshotSource implements EntrySource {

	/**
	 * How long after a directory's last change a listing stays unsure: more than the
	 * coarsest clock tick of the file systems tempguard runs on (2 s on FAT), and than
	 * the distance between the file system's clock and the JVM's.
	 */
	static final long RACY_NANOS = 3_000_000_000L;

	private static final Log logger = LogFactory.getLog(SnapshotSource.class);

	private final Map<Path, Snapshot> snapshots = new LinkedHashMap<>();

	private final LongSupplier clock;

	SnapshotSource() {
		this(System::currentTimeMillis);
	}

	SnapshotSource(LongSupplier millisClock) {
		this.clock = millisClock;
	}

	@Override
	public void watch(Path directory) {
		watch(directory, true);
	}

	/**
	 * Watches the direct entries of {@code directory} from now on.
	 * @param baseline whether what it holds now is old, as when watching starts; else (a
	 * directory that just appeared) all of it is new at the next drain
	 */
	void watch(Path directory, boolean baseline) {
		if (!this.snapshots.containsKey(directory)) {
			Snapshot snapshot = new Snapshot();
			if (baseline) {
				// entries there now are not the tests'; a directory made later has all
				// its entries new
				snapshot.baseline = true;
				take(directory, snapshot, (entry) -> {
				});
			}
			this.snapshots.put(directory, snapshot);
		}
	}

	// removals are not told: a name made and removed between two listings is never seen
	@Override
	public void drain(Consumer<Path> created, Consumer<Path> removed) {
		this.snapshots.forEach((directory, snapshot) -> {
			Long modified;
			try {
				modified = modified(directory);
			}
			catch (AccessDeniedException ex) {
				// not readable now: what it holds stays as last listed
				return;
			}
			if (modified == null) {
				// gone (or not there yet): what it held is gone too
				snapshot.absent();
				return;
			}
			if (!modified.equals(snapshot.modified) || !snapshot.sure) {
				take(directory, snapshot, created);
			}
		});
	}

	private void take(Path directory, Snapshot snapshot, Consumer<Path> created) {
		long listedAt = this.clock.getAsLong();
		Long modifiedBefore;
		try {
			modifiedBefore = modified(directory);
		}
		catch (AccessDeniedException ex) {
			logger.debug("tempguard could not read " + directory, ex);
			return;
		}
		if (modifiedBefore == null) {
			snapshot.absent();
			return;
		}
		// a directory that could not be listed when watching started: what its first
		// listing finds is old, not new
		Consumer<Path> tell = snapshot.baseline ? (entry) -> {
		} : created;
		Set<String> names = new HashSet<>(Math.max(16, snapshot.names.size() * 2));
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				String name = String.valueOf(entry.getFileName());
				names.add(name);
				if (!snapshot.names.contains(name)) {
					tell.accept(entry);
				}
			}
		}
		catch (NoSuchFileException | NotDirectoryException ex) {
			snapshot.absent();
			return;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("tempguard could not list " + directory, ex);
			return;
		}
		snapshot.names = names;
		snapshot.modified = modifiedBefore;
		snapshot.baseline = false;
		// unsure while a change in the same clock tick as the last one could still leave
		// the time unchanged
		snapshot.sure = listedAt - modifiedBefore > RACY_NANOS / 1_000_000;
	}

	/**
	 * The modification time of {@code directory}, or {@code null} when it is not there or
	 * not a directory.
	 * @throws AccessDeniedException when this user may not read it
	 */
	private static @Nullable Long modified(Path directory) throws AccessDeniedException {
		try {
			// a watched directory named through a link (macOS's /tmp) is its target's, as
			// inotify watches it
			BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
			return attributes.isDirectory() ? attributes.lastModifiedTime().toMillis() : null;
		}
		catch (AccessDeniedException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String name() {
		return "snapshot";
	}

	/** How many directories it reads. */
	int directories() {
		return this.snapshots.size();
	}

	@Override
	public void close() {
		this.snapshots.clear();
	}

	private static final class Snapshot {

		Set<String> names = new HashSet<>();

		@Nullable Long modified;

		boolean sure;

		// the next listing is the baseline: nothing it finds is new
		boolean baseline;

		void absent() {
			this.names = new HashSet<>();
			this.modified = null;
			this.sure = false;
			this.baseline = false;
		}

	}

}
