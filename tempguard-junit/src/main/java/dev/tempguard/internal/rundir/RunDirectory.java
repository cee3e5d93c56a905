package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.support.HostName;

/**
 * The directory under root-dir that holds what this JVM creates:
 * {@code run-<pid>-<start>-<random>}. It is made on first use, and again if a cleanup
 * removed it.
 * <p>
 * A run directory is held by a lock for as long as it is in use: the lock file
 * {@value #LOCK_FILE} inside it records the pid, host and start time of the JVM, and this
 * JVM keeps a {@link FileLock} on it until {@link #close()} or its exit. The directory is
 * created under a temporary name ({@value #CREATING_PREFIX}…), locked, and only then
 * renamed to its {@code run-} name, so that no other process ever sees a {@code run-}
 * directory without a held lock. A sweeper of another JVM that can take the lock knows
 * that its JVM is gone.
 * <p>
 * With the JDK, closing any channel to a locked file may release the lock that another
 * channel of the same JVM holds on it: code of this JVM must never open the lock file of
 * a run directory that this JVM holds (see {@link #isHeldByThisJvm(Path)}).
 */
public final class RunDirectory implements AutoCloseable {

	/** The name prefix of run directories. */
	public static final String RUN_PREFIX = "run-";

	/** The name prefix of run directories being created, before their lock is held. */
	public static final String CREATING_PREFIX = ".creating-";

	/** The lock file inside each run directory. */
	public static final String LOCK_FILE = "tempguard.lock";

	/** Key of the start time (ISO-8601 instant) in the lock file. */
	public static final String START_KEY = "start";

	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	/**
	 * The shape of the names {@link #newName} makes: {@code run-<pid>-<start>-<random>}.
	 */
	private static final Pattern RUN_NAME = Pattern.compile("run-\\d{1,19}-\\d{8}T\\d{6}-[0-9a-f]{1,16}");

	/**
	 * Run directories whose lock some {@code RunDirectory} of this JVM holds, whatever
	 * its runtime.
	 */
	private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

	private final Path rootDir;

	private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private volatile Path path;

	private volatile @Nullable FileChannel lockChannel;

	public RunDirectory(Path rootDir) {
		this.rootDir = rootDir;
		this.path = newName(rootDir);
	}

	/**
	 * Whether a run directory of this JVM holds a lock on {@code directory}: then nothing
	 * in this JVM may open its lock file.
	 * @param directory a directory under some root-dir
	 * @return {@code true} if it is the locked run directory of a {@code RunDirectory} of
	 * this JVM
	 */
	public static boolean isHeldByThisJvm(Path directory) {
		return HELD.contains(directory.toAbsolutePath().normalize());
	}

	/**
	 * Whether {@code name} has the shape of a run directory's name, as this class makes
	 * them; what holds such a name is tempguard's only if it also holds a lock file.
	 * @param name a file name
	 * @return {@code true} for a name such as {@code run-4242-20260101T120000-1a2b3c}
	 */
	public static boolean isRunName(String name) {
		return RUN_NAME.matcher(name).matches();
	}

	public Path rootDir() {
		return this.rootDir;
	}

	/**
	 * The run directory; it changes only when a new one has to be made (see
	 * {@link #ensureExists()}).
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Whether this JVM holds the directory's lock, that is from its creation until
	 * {@link #close()}.
	 */
	public boolean isLocked() {
		FileChannel channel = this.lockChannel;
		return channel != null && channel.isOpen();
	}

	/**
	 * The directory, created (owner-only, locked) if it is not there or its lock was
	 * released.
	 */
	public Path ensureExists() {
		Path current = this.path;
		if (isLocked() && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
			return current;
		}
		synchronized (this) {
			current = this.path;
			if (isLocked() && Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
				return current;
			}
			try {
				createOwnerOnly(this.rootDir, true);
				// the lock of a directory that is gone (or was released) is of no use any
				// more
				release();
				if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
					// released with files kept in it: that one is an orphan now, this JVM
					// makes a new one
					current = newName(this.rootDir);
				}
				createLocked(current);
				this.path = current;
				return current;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("tempguard could not create its run directory " + current
						+ " (check that tempguard.root-dir=" + this.rootDir + " is writable)", ex);
			}
		}
	}

	/**
	 * Deletes the run directory in an order that works on Windows too, where a file still
	 * open cannot be deleted: first what it holds, while the lock is held, so that no
	 * sweeper of another JVM takes it meanwhile; then the lock is released, and the lock
	 * file and the directory go last. When something it holds cannot be deleted, the
	 * directory and its lock file stay: an orphan that the next sweep knows as
	 * tempguard's.
	 * @param engine the deletion engine
	 * @return what was deleted and what could not be
	 */
	public synchronized CleanupResult delete(DeletionEngine engine) {
		Path directory = this.path;
		CleanupResult result = CleanupResult.empty();
		try (Stream<Path> entries = Files.list(directory)) {
			for (Path entry : entries.filter((entry) -> !entry.getFileName().toString().equals(LOCK_FILE)).toList()) {
				result = result.and(engine.delete(entry));
			}
		}
		catch (IOException ex) {
			// gone, or not listable: deleting the whole directory says which
		}
		close();
		return result.successful() ? result.and(engine.delete(directory)) : result;
	}

	/**
	 * Releases the lock, so that the directory, if it is still there, becomes an orphan
	 * that sweeping may delete. A later {@link #ensureExists()} creates a new locked
	 * directory.
	 */
	@Override
	public synchronized void close() {
		try {
			release();
		}
		catch (IOException ex) {
			// the lock goes with the channel, and with the JVM at the latest
		}
	}

	private void release() throws IOException {
		FileChannel channel = this.lockChannel;
		this.lockChannel = null;
		try {
			if (channel != null) {
				channel.close();
			}
		}
		finally {
			HELD.remove(this.path.toAbsolutePath().normalize());
		}
	}

	/**
	 * Creates the directory under a temporary name with its lock held, then renames it to
	 * {@code target}.
	 */
	private void createLocked(Path target) throws IOException {
		Path creating = this.rootDir.resolve(CREATING_PREFIX + target.getFileName());
		Files.createDirectory(creating, ownerOnly(creating, PosixFilePermissions.fromString("rwx------")));
		FileChannel channel = null;
		Path held = target.toAbsolutePath().normalize();
		try {
			Path lockFile = creating.resolve(LOCK_FILE);
			channel = FileChannel.open(lockFile,
					Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
							LinkOption.NOFOLLOW_LINKS),
					ownerOnly(lockFile, PosixFilePermissions.fromString("rw-------")));
			FileLock lock = lock(channel);
			if (lock == null) {
				throw new IOException(
						"Another process holds the lock of " + lockFile + ", which this JVM just created");
			}
			channel.write(ByteBuffer.wrap(lockContent().getBytes(StandardCharsets.ISO_8859_1)));
			channel.force(true);
			// before the rename: from the moment the run- name exists, no code of this
			// JVM may open its lock file
			HELD.add(held);
			Files.move(creating, target, StandardCopyOption.ATOMIC_MOVE);
			this.lockChannel = channel;
		}
		catch (IOException | RuntimeException ex) {
			HELD.remove(held);
			if (channel != null) {
				channel.close();
			}
			deleteQuietly(creating);
			throw ex;
		}
	}

	/**
	 * Locks a lock file that this JVM just created. Sweepers leave young
	 * {@code .creating-} directories alone, but one that took the lock to look at it
	 * holds it a moment only: a few tries, then give up.
	 */
	private static @Nullable FileLock lock(FileChannel channel) throws IOException {
		for (int attempt = 1;; attempt++) {
			FileLock lock = channel.tryLock();
			if (lock != null || attempt == 50) {
				return lock;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}

	private String lockContent() {
		return "# tempguard: this run directory is in use while a test JVM holds a lock on this file\n" + "pid="
				+ ProcessHandle.current().pid() + "\n" + "host=" + escape(HostName.current()) + "\n" + START_KEY + "="
				+ this.start + "\n";
	}

	private static String escape(String value) {
		StringBuilder escaped = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			if (c < 0x20 || c > 0x7e || c == '\\') {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * Removes what a failed creation left; what remains is swept as an orphan after a
	 * grace period.
	 */
	private static void deleteQuietly(Path creating) {
		try {
			new DeletionEngine(PathGuard.defaults()).delete(creating);
		}
		catch (RuntimeException ex) {
			// an orphan: sweeping removes .creating- directories after a grace period
		}
	}

	private static Path newName(Path rootDir) {
		return rootDir.resolve(RUN_PREFIX + ProcessHandle.current().pid() + "-" + LocalDateTime.now().format(START)
				+ "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
	}

	private static void createOwnerOnly(Path directory, boolean parents) throws IOException {
		if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (parents && directory.getParent() != null) {
			Files.createDirectories(directory.getParent());
		}
		try {
			Files.createDirectory(directory, ownerOnly(directory, PosixFilePermissions.fromString("rwx------")));
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
				throw ex;
			}
		}
	}

	/** Owner-only permissions where the file system has POSIX permissions, else none. */
	public static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
		@Nullable Path existing = path.getParent();
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		boolean posix = existing == null || existing.getFileSystem().supportedFileAttributeViews().contains("posix");
		return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

}
