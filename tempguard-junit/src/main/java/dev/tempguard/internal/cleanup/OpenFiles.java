package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tempguard.Leak;

/**
 * Whether this JVM holds a path open, the usual reason a file cannot be deleted: read
 * from the file descriptors in {@code /proc/self/fd} where the system has them (Linux);
 * unknown elsewhere.
 */
public final class OpenFiles {

	private final Path descriptors;

	public OpenFiles() {
		this(Path.of("/proc/self/fd"));
	}

	OpenFiles(Path descriptors) {
		this.descriptors = descriptors;
	}

	/**
	 * Whether a descriptor of this JVM refers to {@code path} or, for a directory, to a
	 * file below it.
	 */
	public Leak.OpenState state(Path path) {
		if (!Files.isDirectory(this.descriptors)) {
			return Leak.OpenState.UNKNOWN;
		}
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.descriptors)) {
			for (Path descriptor : entries) {
				Path target;
				try {
					target = Files.readSymbolicLink(descriptor);
				}
				catch (IOException | UnsupportedOperationException ex) {
					// closed meanwhile, or the directory stream's own descriptor
					continue;
				}
				if (target.startsWith(path)) {
					return Leak.OpenState.OPEN;
				}
			}
			return Leak.OpenState.NOT_OPEN;
		}
		catch (IOException | RuntimeException ex) {
			return Leak.OpenState.UNKNOWN;
		}
	}

}
