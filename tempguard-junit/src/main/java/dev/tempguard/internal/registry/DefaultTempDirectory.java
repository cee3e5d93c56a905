package dev.tempguard.internal.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.tempguard.TempDirectory;

/** A {@link TempDirectory} over a directory that is already tracked. */
final class DefaultTempDirectory implements TempDirectory {

	private final Path path;

	DefaultTempDirectory(Path path) {
		this.path = path;
	}

	@Override
	public Path path() {
		return this.path;
	}

	@Override
	public Path createFile(String relativePath, String content) {
		Path file = SafePaths.resolveForWrite(this.path, relativePath);
		try {
			Files.createDirectories(file.getParent());
			// a link created between the check and the write is not followed
			Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
		return file;
	}

	@Override
	public Path createSubdirectory(String relativePath) {
		Path directory = SafePaths.resolveForWrite(this.path, relativePath);
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the directory " + directory, ex);
		}
	}

	@Override
	public boolean exists(String relativePath) {
		Path entry = SafePaths.resolveName(this.path, relativePath);
		Path parent = entry.getParent();
		if (parent != null && !parent.equals(this.path)) {
			// the entry itself may be a link (even a dangling one); the way to it must
			// stay inside
			SafePaths.resolveForRead(this.path, this.path.relativize(parent).toString());
		}
		return Files.exists(entry, LinkOption.NOFOLLOW_LINKS);
	}

	@Override
	public String read(String relativePath) {
		Path file = SafePaths.resolveForRead(this.path, relativePath);
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + file, ex);
		}
	}

	@Override
	public String uniqueFilename(String prefix, String extension) {
		String suffix = DefaultTempFileRegistry.suffix(extension);
		byte[] random = new byte[4];
		while (true) {
			ThreadLocalRandom.current().nextBytes(random);
			String name = prefix + "_" + HexFormat.of().formatHex(random) + suffix;
			if (!Files.exists(SafePaths.resolveName(this.path, name), LinkOption.NOFOLLOW_LINKS)) {
				return name;
			}
		}
	}

	@Override
	public List<Path> createNumberedFiles(String basename, String contentPattern, int count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, was " + count);
		}
		List<Path> files = new ArrayList<>(count);
		for (int n = 1; n <= count; n++) {
			files.add(createFile(String.format("%s_%03d.txt", basename, n), String.format(contentPattern, n)));
		}
		return files;
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

}
