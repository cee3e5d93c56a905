package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The size of a path, for reports and sweeping: the bytes of the regular files in (or of)
 * it, and how many files and links it holds. Links are counted, never followed; what
 * cannot be read is skipped.
 *
 * @param bytes bytes of the regular files
 * @param files files and links counted
 */
public record PathSize(long bytes, long files) {

	private static final PathSize NONE = new PathSize(0, 0);

	public static PathSize of(Path path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isDirectory()) {
				return new PathSize(attributes.isRegularFile() ? attributes.size() : 0, 1);
			}
			long[] totals = new long[2];
			Files.walkFileTree(path, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes fileAttributes) {
					if (fileAttributes.isRegularFile()) {
						totals[0] += fileAttributes.size();
					}
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
		catch (IOException | RuntimeException ex) {
			return NONE;
		}
	}

}
