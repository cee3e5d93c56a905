package dev.tempguard.agent.boot;

import java.io.File;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Called by the advice that tempguard's agent inlines into the JDK's file APIs: it is
 * defined in the bootstrap class loader, where code of {@code java.base} can see it, so
 * it uses JDK types only, no lambda and no nested class. The application reaches it by
 * reflection through the bootstrap loader only (a copy its own loader defined would never
 * be called).
 * <p>
 * A creation is reported to {@link #listener} as {@code {path (Path or File), Boolean
 * directory, Integer kind, Throwable stack}} on the creating thread, only when the path's
 * directory is one of {@link #watchedDirs}: the check is a string comparison, the only
 * system call added is one {@code exists} before opening a file there. A per-thread depth
 * keeps nested calls (a temporary file made through {@code createFile}) and the
 * listener's own file work from being reported. Nothing thrown here reaches the caller.
 */
public final class Dispatcher {

	/**
	 * A temporary file, directory, file, directory, stream, channel, random-access file
	 * made.
	 */
	public static final int TEMP_FILE = 1;

	public static final int TEMP_DIRECTORY = 2;

	public static final int FILE = 3;

	public static final int DIRECTORY = 4;

	public static final int STREAM = 5;

	public static final int CHANNEL = 6;

	public static final int RANDOM_ACCESS = 7;

	/**
	 * A file under a root-dir of tempguard's opened for writing: where it was opened is
	 * kept.
	 */
	public static final int OPENED = 8;

	/** Receives each creation; {@code null} while nobody listens. */
	public static volatile Consumer<Object[]> listener;

	/**
	 * Absolute, normalized directories without a trailing separator: only their direct
	 * entries are reported.
	 */
	public static volatile String[] watchedDirs = new String[0];

	/**
	 * Absolute, normalized root-dirs of tempguard, each ending with a separator: an open
	 * for writing of a file below one is reported as {@link #OPENED}, to say where a file
	 * that could not be deleted is held open.
	 */
	public static volatile String[] openWatchedDirs = new String[0];

	/** Failures of the listener, counted: they never reach the JDK's caller. */
	public static final AtomicLong listenerErrors = new AtomicLong();

	private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<>();

	// the last temporary file made on the thread, until it is next opened: the usual
	// createTempFile then write needs no exists. Only a temporary file's random name: a
	// fixed name deleted and written again by a later test must be seen made again
	private static final ThreadLocal<String> LAST_TEMP_FILE = new ThreadLocal<>();

	private static final Object NOT_NEW = new Object();

	private static final FileSystem DEFAULT = FileSystems.getDefault();

	private static final String USER_DIR = System.getProperty("user.dir");

	private static final char SEPARATOR = File.separatorChar;

	private Dispatcher() {
	}

	private static int[] depth() {
		int[] depth = DEPTH.get();
		if (depth == null) {
			depth = new int[1];
			DEPTH.set(depth);
		}
		return depth;
	}

	/** Before a temporary file or directory is made. */
	public static Object enterTemp() {
		if (listener == null) {
			return null;
		}
		int[] depth = depth();
		depth[0]++;
		return depth;
	}

	/** After a temporary file or directory was made, or failed to be. */
	public static void exitTemp(Object token, Object result, Throwable thrown, boolean directory, int kind) {
		if (token == null) {
			return;
		}
		int[] depth = (int[]) token;
		if (--depth[0] == 0 && thrown == null && result != null && isWatched(result.toString())) {
			report(depth, result, directory, kind);
		}
	}

	/**
	 * Before {@code Files.createFile} or {@code Files.createDirectory}: success means a
	 * new entry.
	 */
	public static Object enterNew(Path path) {
		return enterPath(path, true);
	}

	/**
	 * Before {@code Files.newByteChannel(Path, Set, ...)} or
	 * {@code FileChannel.open(Path, Set, ...)}.
	 */
	public static Object enterOptions(Path path, Set<?> options) {
		if (listener == null || options == null) {
			return null;
		}
		boolean createNew = options.contains(StandardOpenOption.CREATE_NEW);
		if (!createNew && !options.contains(StandardOpenOption.CREATE)) {
			return null;
		}
		if (!options.contains(StandardOpenOption.WRITE) && !options.contains(StandardOpenOption.APPEND)) {
			return null;
		}
		return enterPath(path, createNew);
	}

	/**
	 * Before {@code Files.newOutputStream(Path, OpenOption...)}: no options means create.
	 */
	public static Object enterOpenOptions(Path path, OpenOption[] options) {
		if (listener == null) {
			return null;
		}
		boolean create = options == null || options.length == 0;
		boolean createNew = false;
		if (!create) {
			for (OpenOption option : options) {
				if (option == StandardOpenOption.CREATE_NEW) {
					createNew = true;
				}
				else if (option == StandardOpenOption.CREATE) {
					create = true;
				}
			}
		}
		return (create || createNew) ? enterPath(path, createNew) : null;
	}

	private static Object enterPath(Path path, boolean alwaysNew) {
		if (listener == null || path == null || path.getFileSystem() != DEFAULT) {
			return null;
		}
		if (!isWatched(path.toString())) {
			reportOpened(path, path.toString());
			return null;
		}
		int[] depth = depth();
		if (depth[0] != 0) {
			return null;
		}
		depth[0]++;
		if (alwaysNew) {
			return path;
		}
		String last = LAST_TEMP_FILE.get();
		if (last != null) {
			LAST_TEMP_FILE.remove();
			if (path.toString().equals(last)) {
				return NOT_NEW;
			}
		}
		try {
			return Files.exists(path) ? NOT_NEW : path;
		}
		catch (Throwable ex) {
			return NOT_NEW;
		}
	}

	/**
	 * After a call entered through {@link #enterNew}, {@link #enterOptions} or
	 * {@link #enterOpenOptions}.
	 */
	public static void exitPath(Object token, Throwable thrown, boolean directory, int kind) {
		if (token == null) {
			return;
		}
		int[] depth = depth();
		if (--depth[0] == 0 && token != NOT_NEW && thrown == null) {
			report(depth, token, directory, kind);
		}
	}

	/**
	 * Before a {@code FileOutputStream} or a writable {@code RandomAccessFile} opens
	 * {@code file} (constructor advice: the exit runs on success only, so the depth is
	 * not raised here).
	 */
	public static Object enterFile(File file, String mode) {
		if (listener == null || file == null || (mode != null && mode.indexOf('w') < 0)) {
			return null;
		}
		if (!isWatched(file.getPath())) {
			reportOpened(file, file.getPath());
			return null;
		}
		int[] depth = DEPTH.get();
		if (depth != null && depth[0] != 0) {
			return null;
		}
		return file.exists() ? null : file;
	}

	/** After a constructor entered through {@link #enterFile} succeeded. */
	public static void exitFile(Object token, int kind) {
		if (token != null) {
			report(depth(), token, false, kind);
		}
	}

	/**
	 * After {@code File.mkdir} or {@code File.createNewFile}: {@code true} means a new
	 * entry.
	 */
	public static void exitCreated(File file, boolean created, boolean directory, int kind) {
		if (created && listener != null && file != null && isWatched(file.getPath())) {
			int[] depth = depth();
			if (depth[0] == 0) {
				report(depth, file, directory, kind);
			}
		}
	}

	/**
	 * Whether the directory of {@code path} (made absolute against user.dir, no system
	 * call) is watched.
	 */
	public static boolean isWatched(String path) {
		String[] watched = watchedDirs;
		if (watched.length == 0 || path.isEmpty()) {
			return false;
		}
		String absolute = (path.charAt(0) != SEPARATOR && !new File(path).isAbsolute()) ? USER_DIR + SEPARATOR + path
				: path;
		int last = absolute.lastIndexOf(SEPARATOR);
		for (String directory : watched) {
			if (last == directory.length() && absolute.startsWith(directory)) {
				return true;
			}
		}
		return false;
	}

	// an open for writing below a root-dir: a string comparison unless it is one
	private static void reportOpened(Object path, String name) {
		String[] roots = openWatchedDirs;
		for (String root : roots) {
			if (name.startsWith(root)) {
				int[] depth = depth();
				if (depth[0] == 0) {
					report(depth, path, false, OPENED);
				}
				return;
			}
		}
	}

	private static void report(int[] depth, Object path, boolean directory, int kind) {
		Consumer<Object[]> current = listener;
		if (current == null || depth[0] != 0) {
			return;
		}
		depth[0]++;
		try {
			if (kind == TEMP_FILE) {
				LAST_TEMP_FILE.set(path.toString());
			}
			current.accept(new Object[] { path, directory, kind, new Throwable("created here") });
		}
		catch (Throwable ex) {
			listenerErrors.incrementAndGet();
		}
		finally {
			depth[0]--;
		}
	}

}
