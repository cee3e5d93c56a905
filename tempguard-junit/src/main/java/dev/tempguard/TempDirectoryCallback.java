package dev.tempguard;

import java.nio.file.Path;
import java.util.List;

/**
 * Work to do in a directory prepared by {@link TempFileRegistry#withTestDirectory}.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TempDirectoryCallback<T> {

	/**
	 * @param directory the directory's absolute path
	 * @param files the files created in it, in the order of the map given
	 * @param helper helpers to create and read more files in it
	 */
	T apply(Path directory, List<Path> files, TempDirectory helper) throws Exception;

}
