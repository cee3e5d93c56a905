package dev.tempguard.internal.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name of this host, read without a name-service lookup (which may take seconds on a
 * badly set-up host).
 */
public final class HostName {

	private static final String NAME = read();

	private HostName() {
	}

	/** The host name, or {@code unknown}. */
	public static String current() {
		return NAME;
	}

	private static String read() {
		for (String variable : new String[] { "HOSTNAME", "COMPUTERNAME" }) {
			String value = System.getenv(variable);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		try {
			Path kernel = Path.of("/proc/sys/kernel/hostname");
			if (Files.isReadable(kernel)) {
				String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
				if (!name.isEmpty()) {
					return name;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// unknown then
		}
		return "unknown";
	}

}
