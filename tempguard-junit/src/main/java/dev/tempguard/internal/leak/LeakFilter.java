package dev.tempguard.internal.leak;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Entries of watched directories that are never leaks: what JUnit, the JVM and tools make
 * and clean up themselves ({@link ToolFileNames}, by their exact names), tempguard's own
 * directories, and what the settings ignore.
 */
final class LeakFilter {

	private final List<PathMatcher> names = new CopyOnWriteArrayList<>();

	private final List<PathMatcher> paths = new CopyOnWriteArrayList<>();

	// read for every entry made, added to a few times a run
	private final Set<Path> ownDirectories = new CopyOnWriteArraySet<>();

	private final Set<String> patterns = ConcurrentHashMap.newKeySet();

	/**
	 * Ignores entries whose name, or absolute path when the pattern has a '/', matches
	 * the glob.
	 */
	void ignore(String glob) {
		if (!this.patterns.add(glob)) {
			return;
		}
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		(glob.contains("/") ? this.paths : this.names).add(matcher);
	}

	/**
	 * Ignores a directory of tempguard's own (a root-dir), what is in it, and the
	 * directories leading to it.
	 */
	void ignoreOwn(Path directory) {
		this.ownDirectories.add(directory);
	}

	boolean ignores(Path entry) {
		for (Path own : this.ownDirectories) {
			if (own.startsWith(entry) || entry.startsWith(own)) {
				return true;
			}
		}
		Path name = entry.getFileName();
		if (name != null) {
			if (ToolFileNames.matches(name.toString())) {
				return true;
			}
		}
		for (PathMatcher matcher : this.names) {
			if (name != null && matcher.matches(name)) {
				return true;
			}
		}
		for (PathMatcher matcher : this.paths) {
			if (matcher.matches(entry)) {
				return true;
			}
		}
		return false;
	}

}
