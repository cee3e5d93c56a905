package dev.tempguard.internal.leak;

import java.io.IOException;
import java.lang.reflect.Method;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.settings.LeakDetectionSettings;

/**
 * Chooses how entries of watched directories are found
 * ({@code tempguard.leak-detection.mode}): inotify on 64-bit Linux where JNA can load
 * without a warning of the JVM's, else snapshots, which work everywhere.
 */
public final class EntrySources {

	private static final Log logger = LogFactory.getLog(EntrySources.class);

	private EntrySources() {
	}

	static EntrySource create(LeakDetectionSettings.Mode mode) {
		return create(mode, InotifySource::open, logger);
	}

	/**
	 * @param inotify opens an inotify source; it fails where the system's limits are
	 * reached
	 * @param log where to say that inotify cannot be read
	 */
	static EntrySource create(LeakDetectionSettings.Mode mode, InotifyOpener inotify, Log log) {
		if (mode == LeakDetectionSettings.Mode.SNAPSHOT) {
			return new SnapshotSource();
		}
		String unavailable = inotifyUnavailable();
		if (unavailable != null) {
			String message = "tempguard reads the watched directories by snapshots: inotify is not available here ("
					+ unavailable + ")";
			if (mode == LeakDetectionSettings.Mode.INOTIFY) {
				log.warn(message + "; tempguard.leak-detection.mode=inotify cannot be honoured");
			}
			else {
				log.debug(message);
			}
			return new SnapshotSource();
		}
		try {
			return inotify.open();
		}
		catch (IOException | LinkageError | RuntimeException ex) {
			// leak detection goes on, by snapshots: slower where a watched directory is
			// large and busy
			log.warn("tempguard cannot read Linux's inotify (" + ex.getMessage() + "); it reads the watched"
					+ " directories by snapshots instead. Raise the limit, or set tempguard.leak-detection.mode=snapshot"
					+ " to say so");
			return new SnapshotSource();
		}
	}

	/** Opens an inotify source. */
	@FunctionalInterface
	interface InotifyOpener {

		EntrySource open() throws IOException;

	}

	/** Why inotify cannot be read here, or {@code null} when it can. */
	public static @Nullable String inotifyUnavailable() {
		if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux")) {
			return "not Linux";
		}
		if (!"64".equals(System.getProperty("sun.arch.data.model"))) {
			return "not a 64-bit JVM";
		}
		try {
			Class.forName("com.sun.jna.Native", false, EntrySources.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return "JNA is not on the class path";
		}
		if (!nativeAccessAllowed()) {
			return "the JVM would warn about JNA's native access; add --enable-native-access=ALL-UNNAMED";
		}
		return null;
	}

	// from Java 24 a library that loads native code without --enable-native-access makes
	// the JVM warn
	private static boolean nativeAccessAllowed() {
		if (Runtime.version().feature() < 24) {
			return true;
		}
		try {
			Method enabled = Module.class.getMethod("isNativeAccessEnabled");
			return (Boolean) enabled.invoke(EntrySources.class.getModule());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
	}

}
