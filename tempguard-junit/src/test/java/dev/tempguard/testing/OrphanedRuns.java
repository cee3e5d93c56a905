package dev.tempguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.tempguard.internal.rundir.RunDirectory;

/** Run directories as a test JVM that is gone leaves them, for the tests of sweeping. */
public final class OrphanedRuns {

	private OrphanedRuns() {
	}

	/**
	 * Creates the run directory {@code name} in {@code root} with a lock file that nobody
	 * holds, recording a start {@code age} ago, and a 5-byte file.
	 */
	public static Path create(Path root, String name, Duration age) throws IOException {
		Path directory = Files.createDirectory(root.resolve(name));
		Instant start = Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS);
		Files.writeString(directory.resolve(RunDirectory.LOCK_FILE),
				"pid=1\n" + RunDirectory.START_KEY + "=" + start + "\n", StandardCharsets.ISO_8859_1);
		Files.writeString(directory.resolve("tg-1.txt"), "hello");
		return directory;
	}

}
