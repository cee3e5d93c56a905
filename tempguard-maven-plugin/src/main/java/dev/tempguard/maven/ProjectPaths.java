package dev.tempguard.maven;

import java.io.File;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/** Paths given to a goal, as Maven reads them: relative to the project's directory. */
final class ProjectPaths {

	private ProjectPaths() {
	}

	/**
	 * @param basedir the project's directory, {@code null} for the working directory
	 * @param path a path as the user wrote it
	 * @return the path, resolved against {@code basedir} if relative
	 */
	static Path resolve(@Nullable File basedir, String path) {
		Path base = (basedir != null) ? basedir.toPath() : Path.of("");
		return base.resolve(path.trim()).toAbsolutePath().normalize();
	}

}
