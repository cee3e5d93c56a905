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
		if (mode == LeakDetectionSettings.Mode.SNAPSHOT) {
			return new SnapshotSource();
		}
		String unavailable = inotifyUnavailable();
		if (unavailable == null) {
			try {
				return InotifySource.open();
			}
			catch (IOException | LinkageError | RuntimeException ex) {
				unavailable = ex.getMessage();
			}
		}
		String message = "tempguard reads the watched directories by snapshots: inotify is not available ("
				+ unavailable + ")";
		if (mode == LeakDetectionSettings.Mode.INOTIFY) {
			logger.warn(message + "; tempguard.leak-detection.mode=inotify cannot be honoured");
		}
		else {
			logger.debug(message);
		}
		return new SnapshotSource();
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
