package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The size of a path, for reports: a file's bytes, or a directory's total bytes and file count. Links are
 * counted as entries, never followed; what cannot be read is skipped.
 *
 * @param bytes total bytes
 * @param files regular files and links counted
 */
public record PathSize(long bytes, long files) {

	private static final PathSize NONE = new PathSize(0, 0);

	public static PathSize of(Path path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isDirectory()) {
				return new PathSize(attributes.size(), 1);
			}
			long[] totals = new long[2];
			Files.walkFileTree(path, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes fileAttributes) {
					totals[0] += fileAttributes.size();
					totals[1]++;
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
			return new PathSize(totals[0], totals[1]);
		}
		catch (IOException ex) {
			return NONE;
		}
	}

}
