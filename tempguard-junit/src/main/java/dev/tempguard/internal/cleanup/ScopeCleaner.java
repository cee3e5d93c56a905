package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.CleanupResult.CleanupFailure;
import dev.tempguard.Leak;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.TrackedPath;
import dev.tempguard.internal.stats.Counters;

/**
 * Cleans a scope: deletes what it tracks through the {@link DeletionEngine} (or keeps
 * it), and finds what outlived the cleanup.
 */
public final class ScopeCleaner {

	private final DeletionEngines engines;

	private final Counters counters;

	private final Set<Path> kept = ConcurrentHashMap.newKeySet();

	private final OpenSites openSites;

	private final OpenFiles openFiles;

	public ScopeCleaner(DeletionEngines engines, Counters counters) {
		this(engines, counters, new OpenSites(), new OpenFiles());
	}

	/**
	 * @param engines the deletion engine
	 * @param counters what is counted
	 * @param openSites where files were opened, as the agent saw it
	 * @param openFiles whether this JVM holds a path open
	 */
	public ScopeCleaner(DeletionEngines engines, Counters counters, OpenSites openSites, OpenFiles openFiles) {
		this.engines = engines;
		this.counters = counters;
		this.openSites = openSites;
		this.openFiles = openFiles;
	}

	/** Whether any path kept on purpose is still there inside {@code directory}. */
	public boolean keepsSomethingIn(Path directory) {
		this.kept.removeIf((path) -> !exists(path));
		return this.kept.stream().anyMatch((path) -> path.startsWith(directory));
	}

	/**
	 * Deletes, or keeps, what {@code scope} tracks now; afterwards it tracks nothing.
	 * @param keep whether to keep the paths in place instead (they are no longer tracked)
	 */
	public ScopeCleanup clean(Scope scope, boolean keep) {
		long start = System.nanoTime();
		List<TrackedPath> paths = scope.drain();
		long bytes = 0;
		for (TrackedPath tracked : paths) {
			bytes += PathSize.of(tracked.path()).bytes();
		}
		CleanupResult result = CleanupResult.empty();
		List<Leak> leaks = new ArrayList<>();
		if (keep) {
			List<Path> kept = paths.stream().map(TrackedPath::path).filter(ScopeCleaner::exists).toList();
			result = new CleanupResult(List.of(), kept, List.of());
			this.kept.addAll(kept);
			this.counters.cleaned(paths.size() - kept.size(), 0, kept.size(), 0);
		}
		else {
			DeletionEngine engine = this.engines.current();
			Set<Path> directories = new HashSet<>();
			paths.stream().filter(TrackedPath::directory).forEach((tracked) -> directories.add(tracked.path()));
			for (TrackedPath tracked : paths) {
				// what lies in a tracked directory goes with it: never through a link
				// that directory became, and with the permissions on the directory given
				// back that deleting it there needs
				if (!insideAny(tracked.path(), directories)) {
					result = result.and(delete(engine, tracked));
				}
			}
			for (TrackedPath tracked : paths) {
				if (exists(tracked.path())) {
					PathSize size = PathSize.of(tracked.path());
					Leak.OpenState open = this.openFiles.state(tracked.path());
					leaks.add(new Leak(scope.id(), tracked.path(), Leak.Reason.UNDELETABLE, size.bytes(), size.files(),
							causeOf(tracked.path(), result), null, List.of(), open,
							(open == Leak.OpenState.NOT_OPEN) ? null : this.openSites.site(tracked.path())));
				}
				else {
					this.openSites.forget(tracked.path());
				}
			}
			this.counters.cleaned(paths.size() - leaks.size(), leaks.size(), 0, result.failures().size());
		}
		long nanos = System.nanoTime() - start;
		this.counters.cleaning(scope.kind() == Scope.Kind.METHOD, nanos);
		return new ScopeCleanup(scope.id(), result, leaks, paths.size(), bytes, Duration.ofNanos(nanos));
	}

	// a path tracked before it became protected (another context's root-dir) is refused,
	// not dropped; one whose directory now leads elsewhere (replaced by a link) is not
	// deleted through it
	private static CleanupResult delete(DeletionEngine engine, TrackedPath tracked) {
		Path path = tracked.path();
		try {
			Path movedTo = movedParent(tracked);
			if (movedTo != null) {
				return failed(path,
						new FileSystemException(path.toString(), movedTo.toString(),
								"Not deleted: its directory was " + tracked.realParent()
										+ " when it was tracked and now leads to " + movedTo
										+ " (replaced by a symbolic link?)"));
			}
			return engine.delete(path);
		}
		catch (IllegalArgumentException ex) {
			return failed(path, ex);
		}
	}

	private static CleanupResult failed(Path path, Throwable cause) {
		return new CleanupResult(List.of(), List.of(), List.of(new CleanupFailure(path, cause)));
	}

	private static @Nullable Path movedParent(TrackedPath tracked) {
		Path parent = tracked.path().getParent();
		if (tracked.realParent() == null || parent == null) {
			return null;
		}
		try {
			Path real = parent.toRealPath();
			return real.equals(tracked.realParent()) ? null : real;
		}
		catch (IOException ex) {
			// the directory is gone, and so is the path
			return null;
		}
	}

	private static boolean insideAny(Path path, Set<Path> directories) {
		for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
			if (directories.contains(parent)) {
				return true;
			}
		}
		return false;
	}

	private static boolean exists(Path path) {
		return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
	}

	private static Throwable causeOf(Path path, CleanupResult deletion) {
		// the failure on the path itself, else the first one inside it, else it came back
		// after deletion
		return deletion.failures()
			.stream()
			.filter((failure) -> failure.path().equals(path))
			.findFirst()
			.or(() -> deletion.failures().stream().filter((failure) -> failure.path().startsWith(path)).findFirst())
			.map(CleanupFailure::cause)
			.orElseGet(() -> new IllegalStateException("still exists after cleanup: it was re-created meanwhile"));
	}

}
