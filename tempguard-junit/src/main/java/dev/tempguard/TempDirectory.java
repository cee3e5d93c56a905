package dev.tempguard;

import java.nio.file.Path;
import java.util.List;

/**
 * A tracked temporary directory with helpers to fill and read it. Relative paths are
 * resolved inside {@link #path()}; one that would leave it ({@code ..}, an absolute path,
 * a symbolic link pointing out) is refused with {@link IllegalArgumentException} and
 * nothing is written.
 */
public interface TempDirectory {

	/** The directory's absolute path. */
	Path path();

	/**
	 * Writes {@code content} (UTF-8) to {@code relativePath}, creating missing parent
	 * directories.
	 */
	Path createFile(String relativePath, String content);

	/** Creates {@code relativePath} and its missing parents as directories. */
	Path createSubdirectory(String relativePath);

	/**
	 * Whether {@code relativePath} exists in this directory (a symbolic link is not
	 * followed).
	 */
	boolean exists(String relativePath);

	/** Reads {@code relativePath} as UTF-8. */
	String read(String relativePath);

	/**
	 * A file name, {@code prefix_<random>.<extension>}, that is not yet used in this
	 * directory; nothing is created.
	 */
	String uniqueFilename(String prefix, String extension);

	/**
	 * Creates {@code basename_001.txt} to {@code basename_<count>.txt}, each holding
	 * {@code String.format(contentPattern, n)}.
	 * @return the files in order
	 */
	List<Path> createNumberedFiles(String basename, String contentPattern, int count);

}
