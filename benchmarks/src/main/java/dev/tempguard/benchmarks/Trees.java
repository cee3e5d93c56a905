package dev.tempguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the trees the cleanup benchmark deletes: directories of empty files. */
public final class Trees {

	private Trees() {
	}

	/**
	 * Creates {@code directories} directories of {@code filesPerDirectory} empty files
	 * each inside {@code root}.
	 */
	public static void create(Path root, int directories, int filesPerDirectory) throws IOException {
		Files.createDirectories(root);
		for (int d = 0; d < directories; d++) {
			Path directory = Files.createDirectory(root.resolve("dir-" + d));
			for (int f = 0; f < filesPerDirectory; f++) {
				Files.createFile(directory.resolve("file-" + f + ".tmp"));
			}
		}
	}

}
