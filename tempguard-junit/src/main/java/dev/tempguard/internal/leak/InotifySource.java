package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * watches every directory.
 */
final class InotifySource implements EntrySource {

	private static final Log logger = LogFactory.getLog(InotifySource.class);

	static final int IN_CREATE = 0x00000100;

	static final int IN_MOVED_TO = 0x00000080;

	static final int IN_DELETE_SELF = 0x00000400;

	static final int IN_MOVE_SELF = 0x00000800;

	static final int IN_UNMOUNT = 0x00002000;

	static final int IN_Q_OVERFLOW = 0x00004000;

	static final int IN_IGNORED = 0x00008000;

	static final int IN_ONLYDIR = 0x01000000;

	static final int IN_NONBLOCK = 0x00000800;

	static final int IN_CLOEXEC = 0x00080000;

	static final int EINTR = 4;

	static final int EAGAIN = 11;

	private static final int HEADER = 16;

	private static final int MAX_EVENT = HEADER + 256;

	private static final int CAPACITY = 64 * 1024;

	private static final Charset NAMES = Charset
		.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));

	private final int fd;

	private final Memory buffer = new Memory(CAPACITY);

	private final ByteBuffer view = this.buffer.getByteBuffer(0, CAPACITY).order(ByteOrder.nativeOrder());

	private final byte[] name = new byte[256];

	private final Map<Integer, Path> directories = new HashMap<>();

	// watched directories that did not exist, or were removed: watched again when they
	// appear
	private final Set<Path> missing = new LinkedHashSet<>();

	private boolean closed;

	private InotifySource(int fd) {
		this.fd = fd;
	}

	/**
	 * A new inotify instance.
	 * @throws IOException naming the system's limit when there is none left
	 */
	static InotifySource open() throws IOException {
		int fd = LibC.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
		if (fd < 0) {
			int errno = Native.getLastError();
			throw new IOException("inotify_init1 failed, errno " + errno + ((errno == 24)
					? ": the limit of inotify instances per user (fs.inotify.max_user_instances) is reached" : ""));
		}
		return new InotifySource(fd);
	}

	@Override
	public synchronized void watch(Path directory) {
		if (!add(directory)) {
			this.missing.add(directory);
		}
	}

	private boolean add(Path directory) {
		byte[] path = directory.toString().getBytes(NAMES);
		byte[] terminated = new byte[path.length + 1];
		System.arraycopy(path, 0, terminated, 0, path.length);
		int wd = LibC.inotify_add_watch(this.fd, terminated, IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
		if (wd < 0) {
			int errno = Native.getLastError();
			if (errno == 28) {
				logger.warn("tempguard cannot watch " + directory + ": the limit of inotify watches per user"
						+ " (fs.inotify.max_user_watches) is reached; raise it, or set"
						+ " tempguard.leak-detection.mode=snapshot");
			}
			return false;
		}
		this.directories.put(wd, directory);
		return true;
	}

	@Override
	public synchronized void drain(Consumer<Path> created) {
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
					logger.debug("tempguard could not read its inotify queue, errno " + errno);
				}
				return;
			}
			parse((int) read, created);
			// a short read means the queue was empty when the kernel copied it
			if (read <= CAPACITY - MAX_EVENT) {
				return;
			}
		}
	}

	private void parse(int length, Consumer<Path> created) {
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
				if (directory != null && (mask & IN_IGNORED) != 0) {
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
				created.accept(directory.resolve(new String(this.name, 0, end, NAMES)));
			}
			offset += HEADER + nameLength;
		}
	}

	// events were lost: every entry of every directory counts as new; those already known
	// are skipped
	private void overflowed(Consumer<Path> created) {
		logger.warn("tempguard missed changes in its watched directories (too many at once); it lists them to"
				+ " catch up");
		this.directories.values().forEach((directory) -> list(directory, created));
	}

	// a watched directory made (or made again) since: all it holds is new
	private void appeared(Consumer<Path> created) {
		for (Path directory : Set.copyOf(this.missing)) {
			if (Files.isDirectory(directory) && add(directory)) {
				this.missing.remove(directory);
				list(directory, created);
			}
		}
	}

	private static void list(Path directory, Consumer<Path> created) {
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(created);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("tempguard could not list " + directory, ex);
		}
	}

	@Override
	public String name() {
		return "inotify";
	}

	@Override
	public synchronized void close() {
		if (!this.closed) {
			this.closed = true;
			LibC.close(this.fd);
		}
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
