package dev.tempguard.internal.sweep;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathSize;
import dev.tempguard.internal.rundir.RootDirectories;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.settings.MaxAge;
import dev.tempguard.internal.sweep.SweepReport.Action;
import dev.tempguard.internal.sweep.SweepReport.Entry;

/**
 * Deletes the orphans of a root-dir: the directories tempguard made there that no live
 * test JVM holds, once they are older than max-age. It deletes only what tempguard
 * provably made, recognised by name and lock file; every other entry is listed as foreign
 * and never touched, whatever its age.
 * <ul>
 * <li>A run directory ({@code run-*} with its lock file) is live while some JVM holds the
 * lock on its lock file; this JVM's own run directories are skipped by path and their
 * lock file is never opened (closing a channel would release the lock this JVM holds). A
 * run directory whose lock can be taken is an orphan; its age is counted from the start
 * time in its lock file, else from its last modification.</li>
 * <li>A directory being created ({@code .creating-*}) is an orphan only if it is unlocked
 * and older than {@link #CREATING_GRACE}, whatever max-age says.</li>
 * <li>What an interrupted sweep renamed aside ({@code .deleting-*}) is deleted whatever
 * its age.</li>
 * <li>Any other entry (files, symbolic links, other directories, a {@code run-*}
 * directory without a lock file) is foreign: listed, not measured, never deleted.</li>
 * </ul>
 * A directory is renamed aside to {@code .deleting-*} before it is deleted, so that a
 * half-deleted run directory is never mistaken for a live one; everything is deleted by
 * the {@link DeletionEngine}, which never follows a link. The framework leftovers that a
 * dead run recorded in its run directory are deleted first, whatever its age (see
 * {@link LeftoverSweep}). Instances are thread-safe.
 */
public final class OrphanSweeper {

	/** How old an unlocked {@code .creating-*} directory must be before it is swept. */
	public static final Duration CREATING_GRACE = Duration.ofMinutes(1);

	/** The name prefix of entries renamed aside to be deleted. */
	public static final String DELETING_PREFIX = ".deleting-";

	private static final int LOCK_CONTENT_LIMIT = 4096;

	private final DeletionEngine engine;

	private final Clock clock;

	private final LeftoverSweep leftovers;

	/**
	 * @param engine the engine that deletes orphans; its guard should protect the
	 * root-dir
	 */
	public OrphanSweeper(DeletionEngine engine) {
		this(engine, Clock.systemUTC());
	}

	OrphanSweeper(DeletionEngine engine, Clock clock) {
		this.engine = Objects.requireNonNull(engine, "engine");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.leftovers = new LeftoverSweep(engine, clock);
	}

	/**
	 * Sweeps the direct entries of {@code rootDir}. A root-dir that does not exist has
	 * nothing to sweep.
	 * @param rootDir tempguard's root-dir
	 * @param maxAge the age from which an orphan is deleted; zero deletes every orphan
	 * @param dryRun whether to report only, deleting nothing
	 * @param ownRunDirectories the run directories of this JVM, which are never touched
	 * @return every entry, by name, with its age, size and what was done
	 * @throws IllegalArgumentException if {@code rootDir} is a dangerous path, a symbolic
	 * link, a file or owned by another user, or {@code maxAge} is negative
	 * @throws UncheckedIOException if {@code rootDir} cannot be listed
	 */
	public SweepReport sweep(Path rootDir, Duration maxAge, boolean dryRun, Set<Path> ownRunDirectories) {
		MaxAge.validate(maxAge);
		Path root = RootDirectories.validate(rootDir);
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return new SweepReport(root, maxAge, dryRun, List.of());
		}
		Set<Path> own = new HashSet<>();
		for (Path directory : ownRunDirectories) {
			own.add(directory.toAbsolutePath().normalize());
		}
		List<Entry> entries = new ArrayList<>();
		for (Path path : list(root)) {
			entries.addAll(this.leftovers.sweep(path, dryRun, own));
			Entry entry = sweepEntry(root, path, maxAge, dryRun, own);
			if (entry != null) {
				entries.add(entry);
			}
		}
		return new SweepReport(root, maxAge, dryRun, entries);
	}

	private static List<Path> list(Path root) {
		List<Path> paths = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(root)) {
			stream.forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"tempguard could not list tempguard.root-dir=" + root + " to sweep it; check that it is readable",
					ex);
		}
		paths.sort(null);
		return paths;
	}

	/**
	 * Handles one entry; {@code null} if it went away meanwhile (another sweep took it).
	 */
	private @Nullable Entry sweepEntry(Path root, Path path, Duration maxAge, boolean dryRun, Set<Path> own) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			return new Entry(path, Duration.ZERO, 0, 0, Action.FAILED, "cannot read its attributes: " + ex);
		}
		Duration modifiedAge = ageOf(attributes.lastModifiedTime().toInstant());
		if (own.contains(path) || RunDirectory.isHeldByThisJvm(path)) {
			return entry(path, modifiedAge, Action.KEPT_THIS_JVM, null);
		}
		return switch (RootDirEntry.of(path, attributes)) {
			case FOREIGN -> foreign(path, modifiedAge, attributes);
			case RUN -> sweepLocked(root, path, modifiedAge, maxAge, dryRun);
			case CREATING -> (modifiedAge.compareTo(CREATING_GRACE) < 0)
					// its JVM may be about to lock it: taking the lock even for a moment
					// would make that fail
					? entry(path, modifiedAge, Action.KEPT_CREATING, null)
					: sweepLocked(root, path, modifiedAge, CREATING_GRACE, dryRun);
			case DELETING -> dryRun ? entry(path, modifiedAge, Action.WOULD_DELETE, null)
					: delete(path, path, modifiedAge, PathSize.of(path));
		};
	}

	/**
	 * An entry tempguard did not make: listed, never deleted, and a directory is not even
	 * walked to size it (it may be large, and it is none of tempguard's business).
	 */
	private static Entry foreign(Path path, Duration age, BasicFileAttributes attributes) {
		if (attributes.isDirectory()) {
			return new Entry(path, age, Entry.NOT_MEASURED, Entry.NOT_MEASURED, Action.FOREIGN, null);
		}
		return new Entry(path, age, attributes.isRegularFile() ? attributes.size() : 0, 1, Action.FOREIGN, null);
	}

	/** A run directory, or one being created: live while its lock is held. */
	private @Nullable Entry sweepLocked(Path root, Path path, Duration modifiedAge, Duration threshold,
			boolean dryRun) {
		Path lockFile = path.resolve(RunDirectory.LOCK_FILE);
		FileChannel channel = null;
		try {
			Duration age = modifiedAge;
			try {
				channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE,
						LinkOption.NOFOLLOW_LINKS);
			}
			catch (NoSuchFileException ex) {
				if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
					return null;
				}
				// no lock file (not yet, or no longer): no running JVM holds it
			}
			catch (IOException ex) {
				return entry(path, modifiedAge, Action.FAILED, "cannot open its lock file " + lockFile + ": " + ex);
			}
			if (channel != null) {
				FileLock lock;
				try {
					lock = channel.tryLock();
				}
				catch (OverlappingFileLockException ex) {
					// held by this JVM, through a path that was not given as its own
					lock = null;
				}
				catch (IOException ex) {
					return entry(path, modifiedAge, Action.FAILED, "cannot lock its lock file " + lockFile + ": " + ex);
				}
				if (lock == null) {
					return entry(path, modifiedAge, isRun(path) ? Action.KEPT_LIVE : Action.KEPT_CREATING, null);
				}
				age = startOf(channel).map(this::ageOf).orElse(modifiedAge);
			}
			if (age.compareTo(threshold) < 0) {
				return entry(path, age, isRun(path) ? Action.KEPT_YOUNG : Action.KEPT_CREATING, null);
			}
			if (dryRun) {
				return entry(path, age, Action.WOULD_DELETE, null);
			}
			PathSize size = PathSize.of(path);
			Path aside;
			try {
				// while the lock is held, so that nobody else takes it for a live run in
				// between
				aside = moveAside(root, path);
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException ex) {
				return new Entry(path, age, size.bytes(), size.files(), Action.FAILED, "cannot rename it aside: " + ex);
			}
			close(channel);
			channel = null;
			return delete(path, aside, age, size);
		}
		finally {
			close(channel);
		}
	}

	private static boolean isRun(Path path) {
		return String.valueOf(path.getFileName()).startsWith(RunDirectory.RUN_PREFIX);
	}

	private Entry delete(Path path, Path target, Duration age, PathSize size) {
		CleanupResult result;
		try {
			result = this.engine.delete(target);
		}
		catch (RuntimeException ex) {
			return new Entry(path, age, size.bytes(), size.files(), Action.FAILED, ex.getMessage());
		}
		if (result.successful()) {
			return new Entry(path, age, size.bytes(), size.files(), Action.DELETED, null);
		}
		String left = target.equals(path) ? "" : " (what is left is in " + target + ")";
		return new Entry(path, age, size.bytes(), size.files(), Action.FAILED,
				result.failures().size() + " path(s) could not be deleted, first " + result.failures().get(0).path()
						+ ": " + result.failures().get(0).cause() + left);
	}

	private static Path moveAside(Path root, Path path) throws IOException {
		String name = String.valueOf(path.getFileName());
		if (name.length() > 100) {
			name = name.substring(0, 100);
		}
		Path aside = root
			.resolve(DELETING_PREFIX + name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
		return Files.move(path, aside, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The start time recorded in a lock file, read through the channel that holds its
	 * lock.
	 */
	private static Optional<Instant> startOf(FileChannel channel) {
		try {
			ByteBuffer buffer = ByteBuffer.allocate(LOCK_CONTENT_LIMIT);
			long position = 0;
			int read;
			while (buffer.hasRemaining() && (read = channel.read(buffer, position)) > 0) {
				position += read;
			}
			Properties properties = new Properties();
			properties
				.load(new StringReader(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1)));
			String start = properties.getProperty(RunDirectory.START_KEY);
			return (start != null) ? Optional.of(Instant.parse(start.trim())) : Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private Duration ageOf(Instant time) {
		Duration age = Duration.between(time, this.clock.instant());
		// a time in the future (clock skew, a touched file) counts as new
		return age.isNegative() ? Duration.ZERO : age;
	}

	private static Entry entry(Path path, Duration age, Action action, @Nullable String cause) {
		PathSize size = PathSize.of(path);
		return new Entry(path, age, size.bytes(), size.files(), action, cause);
	}

	private static void close(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// the lock goes with the channel
			}
		}
	}

}
