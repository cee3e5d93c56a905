package dev.tempguard.internal.scope;

import java.nio.file.Path;

/**
 * A path that tempguard deletes when its scope is cleaned.
 *
 * @param path the absolute, normalized path
 * @param directory whether it was created or registered as a directory
 */
public record TrackedPath(Path path, boolean directory) {

}
