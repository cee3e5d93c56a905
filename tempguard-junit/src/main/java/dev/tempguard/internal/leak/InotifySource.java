package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finds new entries with Linux's inotify, read through JNA on the thread that drains: one
 * non-blocking {@code read} of a queue the kernel filled inside the very system call that
 * made each entry, so an entry is attributed to the interval it was made in, whatever the
 * size of the directory and without waiting for another thread. One inotify instance
 * watches every directory; a directory that it cannot watch (the per-user limit of
 * watches is reached, permission is denied) is read by {@link SnapshotSource snapshots}
 * instead, from then on, said by one warning per cause.
 */
final class InotifySource implements EntrySource {

	static final int IN_CREATE = 0x00000100;

	static final int IN_MOVED_TO = 0x00000080;

	static final int IN_DELETE = 0x00000200;

	static final int IN_MOVED_FROM = 0x00000040;

	static final int IN_DELETE_SELF = 0x00000400;

	static final int IN_MOVE_SELF = 0x00000800;

	static final int IN_UNMOUNT = 0x00002000;

	static final int IN_Q_OVERFLOW = 0x00004000;

	static final int IN_IGNORED = 0x00008000;

	static final int IN_ONLYDIR = 0x01000000;

	static final int IN_NONBLOCK = 0x00000800;

	static final int IN_CLOEXEC = 0x00080000;

	static final int ENOENT = 2;

	static final int EINTR = 4;

	static final int EAGAIN = 11;

	static final int EACCES = 13;

	static final int ENOTDIR = 20;

	static final int ENOSPC = 28;

	private static final int HEADER = 16;

	private static final int MAX_EVENT = HEADER + 256;

	private static final int CAPACITY = 64 * 1024;

	// file systems stamp times from a coarse clock, a tick or so behind this one
	private static final long CLOCK_SLACK_MILLIS = 100;

	private static final Charset NAMES = Charset
		.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

	private final int fd;

	private final AddWatch addWatch;

	private final Log logger;

	private final Memory buffer = new Memory(CAPACITY);

	private final ByteBuffer view = this.buffer.getByteBuffer(0, CAPACITY).order(ByteOrder.nativeOrder());

	private final byte[] name = new byte[256];

	private final Map<Integer, Path> directories = new HashMap<>();

	// watched directories that did not exist, or were removed: watched again when they
	// appear
	private final Set<Path> missing = new LinkedHashSet<>();

	// directories inotify could not watch, and the causes already warned about
	private final SnapshotSource unwatchable = new SnapshotSource();

	private final Set<Integer> warned = new HashSet<>();

	private boolean closed;

	// when the queue was last read to its end: after an overflow, only what changed since
	// can be what the lost events told
	private long emptiedAt = System.currentTimeMillis();

	private boolean overflowWarned;

	private InotifySource(int fd, AddWatch addWatch, Log logger) {
		this.fd = fd;
		this.addWatch = addWatch;
		this.logger = logger;
	}

	/**
	 * A new inotify instance.
	 * @throws IOException naming the system's limit when there is none left
	 */
	static InotifySource open() throws IOException {
		return open(AddWatch.NATIVE, LogFactory.getLog(InotifySource.class));
	}

	/**
	 * A new inotify instance that adds watches through {@code addWatch} and logs to
	 * {@code logger}.
	 * @throws IOException naming the system's limit when there is none left
	 */
	static InotifySource open(AddWatch addWatch, Log logger) throws IOException {
		int fd = LibC.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (fd < 0) {
			int errno = Native.getLastError();
			throw new IOException("inotify_init1 failed, errno " + errno + ((errno == 24)
					? ": the limit of inotify instances per user (fs.inotify.max_user_instances) is reached" : ""));
		}
		return new InotifySource(fd, addWatch, logger);
	}

	@Override
	public synchronized void watch(Path directory) {
		if (add(directory, true) == Watch.NONE) {
			this.missing.add(directory);
		}
	}

	/**
	 * Watches {@code directory} with inotify, or, where inotify cannot, by snapshots.
	 * @param baseline whether what it holds now is old (else it just appeared: all new)
	 */
	private Watch add(Path directory, boolean baseline) {
		byte[] path = directory.toString().getBytes(NAMES);
		byte[] terminated = new byte[path.length + 1];
		System.arraycopy(path, 0, terminated, 0, path.length);
		// removals too: an entry known gone needs no stat when its test ends; and the
		// directory moved away, whose watch would go on naming its entries by this path
		int wd = this.addWatch.add(this.fd, terminated,
				IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_MOVE_SELF | IN_ONLYDIR);
		if (wd >= 0) {
			this.directories.put(wd, directory);
			return Watch.INOTIFY;
		}
		int errno = -wd;
		if (errno == ENOENT || errno == ENOTDIR) {
			return Watch.NONE;
		}
		// for good: were a later watch to succeed, everything in the directory would look
		// new
		this.unwatchable.watch(directory, baseline);
		if (this.warned.add(errno)) {
			this.logger.warn(cannotWatch(directory, errno));
		}
		else {
			this.logger
				.debug("tempguard reads " + directory + " by snapshots: inotify_add_watch failed, errno " + errno);
		}
		return Watch.SNAPSHOTS;
	}

	private static String cannotWatch(Path directory, int errno) {
		String instead = ". It reads this directory, and any other it cannot watch for this reason, by snapshots"
				+ " instead";
		String snapshotMode = "set tempguard.leak-detection.mode=snapshot to read all directories by snapshots"
				+ " without this warning";
		if (errno == ENOSPC) {
			return "tempguard cannot watch " + directory + " with inotify: the per-user limit of inotify watches"
					+ " (fs.inotify.max_user_watches) is reached" + instead + ", which is slower where a directory is"
					+ " large. Raise the limit (sysctl -w fs.inotify.max_user_watches=524288), or " + snapshotMode;
		}
		if (errno == EACCES) {
			return "tempguard cannot watch " + directory + " with inotify: permission denied" + instead
					+ ", which see nothing in it while this user may not read it. Give this user read permission on"
					+ " it, or leave it out of tempguard.leak-detection.watch-dirs";
		}
		return "tempguard cannot watch " + directory + " with inotify: inotify_add_watch failed with errno " + errno
				+ instead + ". To avoid this warning, " + snapshotMode;
	}

	@Override
	public synchronized void drain(Consumer<Path> created, Consumer<Path> removed) {
		if (this.closed) {
			return;
		}
		if (!this.missing.isEmpty()) {
			appeared(created);
		}
		while (true) {
			long read = LibC.read(this.fd, this.buffer, CAPACITY);
			if (read < 0) {
				int errno = Native.getLastError();
				if (errno == EINTR) {
					continue;
				}
				if (errno != EAGAIN) {
					this.logger.debug("tempguard could not read its inotify queue, errno " + errno);
				}
				break;
			}
			parse((int) read, created, removed);
			// a short read means the queue was empty when the kernel copied it
			if (read <= CAPACITY - MAX_EVENT) {
				break;
			}
		}
		if (!this.missing.isEmpty()) {
			// a watched directory lost in this read and already made again: what it holds
			// is told now, after the removals of what the old one held
			appeared(created);
		}
		this.emptiedAt = System.currentTimeMillis();
		this.unwatchable.drain(created);
	}

	private void parse(int length, Consumer<Path> created, Consumer<Path> removed) {
		int offset = 0;
		while (offset < length) {
			int wd = this.view.getInt(offset);
			int mask = this.view.getInt(offset + 4);
			int nameLength = this.view.getInt(offset + 12);
			Path directory = this.directories.get(wd);
			if ((mask & IN_Q_OVERFLOW) != 0) {
				overflowed(created);
			}
			else if ((mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) != 0) {
				// a directory moved away keeps its watch, but its events no longer name
				// entries of the watched path: both are watched again from the path
				if (directory != null && (mask & (IN_IGNORED | IN_MOVE_SELF)) != 0) {
					this.directories.remove(wd);
					this.missing.add(directory);
				}
			}
			else if (directory != null && nameLength > 0) {
				this.view.get(offset + HEADER, this.name, 0, nameLength);
				int end = 0;
				while (end < nameLength && this.name[end] != 0) {
					end++;
				}
				Path entry = directory.resolve(new String(this.name, 0, end, NAMES));
				if ((mask & (IN_DELETE | IN_MOVED_FROM)) != 0) {
					removed.accept(entry);
				}
				else {
					created.accept(entry);
				}
			}
			offset += HEADER + nameLength;
		}
	}

	// events were lost: every entry of every directory counts as new; those already known
	// are skipped
	private void overflowed(Consumer<Path> created) {
		String message = "tempguard missed changes in its watched directories (more than the kernel queues,"
				+ " fs.inotify.max_queued_events, at once); it lists them to catch up";
		if (this.overflowWarned) {
			this.logger.debug(message);
		}
		else {
			this.overflowWarned = true;
			this.logger.warn(message);
		}
		// what was there before the lost events is not new: its inode changed before them
		long since = this.emptiedAt - CLOCK_SLACK_MILLIS;
		this.directories.values().forEach((directory) -> list(directory, (entry) -> {
			if (changedSince(entry, since)) {
				created.accept(entry);
			}
		}));
	}

	private static boolean changedSince(Path entry, long millis) {
		try {
			FileTime changed = (FileTime) Files.getAttribute(entry, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
			return changed.toMillis() >= millis;
		}
		catch (IOException | RuntimeException ex) {
			// gone already, or no ctime to read: told, as before
			return Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
		}
	}

	// a watched directory made (or made again) since: all it holds is new
	private void appeared(Consumer<Path> created) {
		for (Path directory : Set.copyOf(this.missing)) {
			Watch watch = Files.isDirectory(directory) ? add(directory, false) : Watch.NONE;
			if (watch != Watch.NONE) {
				this.missing.remove(directory);
			}
			if (watch == Watch.INOTIFY) {
				list(directory, created);
			}
		}
	}

	private void list(Path directory, Consumer<Path> created) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(created);
		}
		catch (IOException | RuntimeException ex) {
			this.logger.debug("tempguard could not list " + directory, ex);
		}
	}

	@Override
	public synchronized String name() {
		int snapshots = this.unwatchable.directories();
		return (snapshots == 0) ? "inotify"
				: "inotify (" + snapshots + ((snapshots == 1) ? " directory" : " directories") + " by snapshots)";
	}

	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			this.unwatchable.close();
			LibC.close(this.fd);
		}
	}

	/** How a directory is watched. */
	private enum Watch {

		INOTIFY,

		/** By {@link #unwatchable}. */
		SNAPSHOTS,

		/** Not at all: it is not there (yet). */
		NONE

	}

	/** {@code inotify_add_watch}, a seam for its failures. */
	@FunctionalInterface
	interface AddWatch {

		/** The C library's. */
		AddWatch NATIVE = (fd, pathname, mask) -> {
			int wd = LibC.inotify_add_watch(fd, pathname, mask);
			return (wd >= 0) ? wd : -Native.getLastError();
		};

		/**
		 * Watches {@code pathname} (NUL-terminated) on the instance {@code fd}.
		 * @return the watch descriptor, or the negated {@code errno}
		 */
		int add(int fd, byte[] pathname, int mask);

	}

	/** The C library, mapped directly: no proxy, no reflection per call. */
	static final class LibC {

		static {
			Native.register(Platform.C_LIBRARY_NAME);
		}

		private LibC() {
		}

		static native int inotify_init1(int flags);

		static native int inotify_add_watch(int fd, byte[] pathname, int mask);

		static native long read(int fd, Pointer buffer, long count);

		static native int close(int fd);

	}

}
