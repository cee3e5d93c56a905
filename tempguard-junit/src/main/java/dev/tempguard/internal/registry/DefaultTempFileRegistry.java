package dev.tempguard.internal.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.tempguard.CleanupResult;
import dev.tempguard.TempDirectory;
import dev.tempguard.TempDirectoryCallback;
import dev.tempguard.TempDirectoryCallbackException;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempStats;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.ScopeCleaner;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.scope.TrackedPath;
import dev.tempguard.internal.scope.TrackedPaths;
import dev.tempguard.internal.stats.Counters;

/**
 * The {@link TempFileRegistry}: creates files in this JVM's run directory under root-dir
 * and tracks every path in the scope of the calling thread.
 */
public final class DefaultTempFileRegistry implements TempFileRegistry {

	private static final String PREFIX = "tg-";

	private final Scopes scopes;

	private final TrackedPaths trackedPaths;

	private final ScopeCleaner cleaner;

	private final DeletionEngines engines;

	private final Counters counters;

	private final RunDirectory runDirectory;

	/**
	 * @param scopes the contexts that paths are tracked in
	 * @param trackedPaths makes the tracked paths
	 * @param cleaner cleans a context
	 * @param engines the deletion engine and the guard of protected paths
	 * @param counters what is counted
	 * @param runDirectory where files are created, under a root-dir already validated
	 */
	public DefaultTempFileRegistry(Scopes scopes, TrackedPaths trackedPaths, ScopeCleaner cleaner,
			DeletionEngines engines, Counters counters, RunDirectory runDirectory) {
		this.scopes = scopes;
		this.trackedPaths = trackedPaths;
		this.cleaner = cleaner;
		this.engines = engines;
		this.counters = counters;
		this.runDirectory = runDirectory;
	}

	/**
	 * This JVM's run directory, where this registry creates files; created if it is not
	 * there.
	 */
	public Path runDirectory() {
		return this.runDirectory.ensureExists();
	}

	/** Where this registry creates files. */
	public Path rootDir() {
		return this.runDirectory.rootDir();
	}

	@Override
	public Path createFile(String content, String extension) {
		return createFile(content.getBytes(StandardCharsets.UTF_8), extension);
	}

	@Override
	public Path createFile(byte[] content, String extension) {
		String suffix = suffix(extension);
		Path file = create(
				() -> Files.createTempFile(this.runDirectory.ensureExists(), PREFIX, suffix,
						RunDirectory.ownerOnly(this.runDirectory.path(), PosixFilePermissions.fromString("rw-------"))),
				false);
		try {
			Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
					LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the temporary file " + file, ex);
		}
		return file;
	}

	@Override
	public Path createDirectory() {
		return create(
				() -> Files.createTempDirectory(this.runDirectory.ensureExists(), PREFIX,
						RunDirectory.ownerOnly(this.runDirectory.path(), PosixFilePermissions.fromString("rwx------"))),
				true);
	}

	@Override
	public TempDirectory createTestDirectory() {
		return new DefaultTempDirectory(createDirectory());
	}

	@Override
	public <T> T withTestDirectory(Map<String, String> files, TempDirectoryCallback<T> callback) {
		TempDirectory directory = createTestDirectory();
		List<Path> created = new ArrayList<>(files.size());
		files.forEach((relativePath, content) -> created.add(directory.createFile(relativePath, content)));
		try {
			return callback.apply(directory.path(), List.copyOf(created), directory);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new TempDirectoryCallbackException(ex);
		}
	}

	@Override
	public Path register(Path file) {
		Path path = absolute(file);
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			throw new IllegalArgumentException(
					path + " is a directory; register it with registerDirectory(Path) so that what is in it goes too");
		}
		this.engines.guard().check(path, "register");
		track(path, false);
		return path;
	}

	@Override
	public Path registerDirectory(Path directory) {
		Path path = absolute(directory);
		if (Files.isSymbolicLink(path)) {
			throw new IllegalArgumentException(path
					+ " is a symbolic link; register it with register(Path) (the link is deleted, never its target)");
		}
		if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			throw new IllegalArgumentException(path + " is not a directory; register it with register(Path)");
		}
		this.engines.guard().check(path, "register");
		track(path, true);
		return path;
	}

	@Override
	public Optional<String> currentContext() {
		Scope scope = this.scopes.current();
		return (scope.kind() == Scope.Kind.RUN) ? Optional.empty() : Optional.of(scope.id());
	}

	@Override
	public CleanupResult cleanupContext(String context) {
		Scope scope = this.scopes.find(context)
			.orElseThrow(() -> new IllegalArgumentException(
					"No open tempguard context '" + context + "'; the open ones are " + this.scopes.all()));
		return this.cleaner.clean(scope, false).result();
	}

	// the calling thread's scope and those enclosing it, but none that a test running at
	// the same time uses
	@Override
	public CleanupResult cleanupAll() {
		CleanupResult result = CleanupResult.empty();
		for (Scope scope : this.scopes.freeFor(this.scopes.current())) {
			result = result.and(this.cleaner.clean(scope, false).result());
		}
		return result;
	}

	@Override
	public TempStats stats() {
		return this.counters.stats(this.scopes.trackedByContext());
	}

	private Path create(IoSupplier<Path> creation, boolean directory) {
		Path path;
		try {
			path = creation.get();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Could not create a temporary " + (directory ? "directory" : "file") + " in "
							+ this.runDirectory.path() + " (tempguard.root-dir=" + this.runDirectory.rootDir() + ")",
					ex);
		}
		track(path, directory);
		return path;
	}

	private void track(Path path, boolean directory) {
		TrackedPath tracked = this.trackedPaths.of(path, directory);
		Scope scope = this.scopes.current();
		// the scope may close between lookup and tracking: then it belongs to the
		// enclosing one
		Scope.Tracking tracking = scope.track(tracked);
		while (tracking == Scope.Tracking.CLOSED) {
			scope = Objects.requireNonNull(scope.parent(), "the run scope never closes");
			tracking = scope.track(tracked);
		}
		if (tracking == Scope.Tracking.ADDED) {
			this.counters.created(directory);
		}
	}

	private static Path absolute(Path path) {
		return path.toAbsolutePath().normalize();
	}

	static String suffix(String extension) {
		if (extension.isEmpty()) {
			return "";
		}
		String suffix = extension.startsWith(".") ? extension : "." + extension;
		if (suffix.length() == 1 || suffix.indexOf('/') >= 0 || suffix.indexOf('\\') >= 0 || suffix.indexOf('\0') >= 0
				|| suffix.contains("..")) {
			throw new IllegalArgumentException(
					"'" + extension + "' is not a file extension; give one like \"txt\" or \".txt\", or \"\" for none");
		}
		return suffix;
	}

	@FunctionalInterface
	private interface IoSupplier<T> {

		T get() throws IOException;

	}

}
