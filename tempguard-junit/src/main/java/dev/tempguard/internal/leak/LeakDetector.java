package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.PathSize;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;

/**
 * Finds untracked leaks: entries that appear in a watched directory while a test runs,
 * without the registry, and are still there after that test's cleanup. Each entry belongs
 * to the narrowest scope that was certain when it appeared: the only test running, else
 * the closest scope enclosing all running tests, and the run while an application context
 * starts. Scopes open and close through {@link #opened} and {@link #closed}, which take
 * effect in the order of the changes the watcher reads, however late it reads them.
 */
public final class LeakDetector implements DirectoryWatcher.Listener {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	private final Scopes scopes;

	private final Counters counters;

	private final DeletionEngines engines;

	private final LeakFilter filter = new LeakFilter();

	private final Map<Path, Scope> appeared = new ConcurrentHashMap<>();

	// The scopes open as the watcher sees them: changed in the order of the changes (on
	// the watcher's thread once it runs), guarded by its own lock, as is startups.
	private final Set<Scope> open = new HashSet<>();

	private int startups;

	private volatile @Nullable DirectoryWatcher watcher;

	private volatile long lastSyncMillis = System.currentTimeMillis();

	public LeakDetector(Scopes scopes, Counters counters, DeletionEngines engines) {
		this.scopes = scopes;
		this.counters = counters;
		this.engines = engines;
	}

	/**
	 * Watches {@code directories} from now on, ignoring entries that match {@code ignore}
	 * too.
	 * @throws IllegalArgumentException for a watch directory that does not exist
	 */
	public synchronized void watch(Collection<Path> directories, Collection<String> ignore) {
		ignore.forEach(this.filter::ignore);
		for (Path directory : directories) {
			Path normalized = directory.toAbsolutePath().normalize();
			if (!Files.isDirectory(normalized)) {
				throw new IllegalArgumentException("tempguard.leak-detection.watch-dirs names " + normalized
						+ ", which is not a directory; remove it or create it");
			}
			watcher().watch(normalized);
		}
	}

	/**
	 * Never reports {@code directory} (a root-dir of tempguard), what is in it, nor the
	 * directories to it.
	 */
	public void ignoreOwn(Path directory) {
		this.filter.ignoreOwn(directory);
	}

	/**
	 * Syncs through markers in {@code directory}, a directory of tempguard's own that it
	 * creates.
	 */
	public synchronized void syncIn(Path directory) {
		try {
			Files.createDirectories(directory);
			watcher().useMarkerDirectory(directory);
		}
		catch (IOException ex) {
			logger.warn("tempguard could not create " + directory + "; it syncs through a watched directory", ex);
		}
	}

	public boolean isActive() {
		return this.watcher != null;
	}

	/**
	 * Stops watching, at the end of the run, before tempguard's directories are deleted:
	 * on Windows a watched directory (the run directory's {@code .sync}) cannot be. A
	 * later {@link #watch} starts a new watcher.
	 */
	public synchronized void close() {
		DirectoryWatcher current = this.watcher;
		this.watcher = null;
		if (current != null) {
			current.close();
		}
	}

	/** Opens {@code scope} for what appears from now on in the watched directories. */
	public void opened(Scope scope) {
		sync(() -> this.open.add(scope), true);
	}

	/**
	 * Closes {@code scope}: what appeared until now may belong to it, nothing that
	 * appears later does.
	 */
	public void closed(Scope scope) {
		sync(() -> this.open.remove(scope), true);
	}

	/**
	 * An application context starts: what appears meanwhile belongs to it, so to the run.
	 */
	public void startupBegan() {
		sync(() -> this.startups++, true);
	}

	public void startupEnded() {
		sync(() -> this.startups--, false);
	}

	// Opening waits too: the watcher reads each directory's changes in order, but not
	// always across directories, so a test must not change anything before its opening
	// was read. Only what can come late without harm does not wait: the end of a start-up
	// (the run keeps what is seen meanwhile).
	private void sync(Runnable transition, boolean wait) {
		Runnable locked = () -> {
			synchronized (this.open) {
				transition.run();
			}
		};
		DirectoryWatcher current = this.watcher;
		if (current != null) {
			current.sync(locked, wait);
			this.lastSyncMillis = System.currentTimeMillis();
		}
		else {
			locked.run();
		}
	}

	/**
	 * The untracked leaks of a scope {@link #closed}: what appeared while it was the
	 * narrowest scope certain and is still there. They are deleted once reported when
	 * {@code delete} is set.
	 */
	public List<Leak> untrackedLeaks(Scope scope, boolean delete) {
		if (this.watcher == null) {
			return List.of();
		}
		List<Leak> leaks = new ArrayList<>();
		for (Path entry : scope.drainAppeared()) {
			// an entry deleted and made again since belongs to whoever made it last; one
			// tracked by the registry somewhere (another test's, or the class's) is not
			// untracked
			if (!this.appeared.remove(entry, scope) || !Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
					|| this.scopes.isTracked(entry)) {
				continue;
			}
			PathSize size = PathSize.of(entry);
			leaks.add(new Leak(scope.id(), entry, Leak.Reason.UNTRACKED, size.bytes(), size.files(), null));
			if (delete) {
				delete(entry);
			}
		}
		this.counters.untrackedLeaks(leaks.size());
		return leaks;
	}

	/**
	 * Forgets what appeared in a scope without reporting it (the run: its entries belong
	 * to contexts).
	 */
	public void forget(Scope scope) {
		scope.drainAppeared().forEach((entry) -> this.appeared.remove(entry, scope));
	}

	@Override
	public void created(Path entry) {
		if (this.filter.ignores(entry)) {
			return;
		}
		Scope owner;
		synchronized (this.open) {
			// the run while an application context starts, else the narrowest scope
			// certain
			owner = (this.startups > 0) ? this.scopes.run()
					: this.scopes.narrowestEnclosing(this.open, this::isOpenLeaf);
		}
		this.appeared.put(entry, owner);
		owner.appeared(entry);
	}

	// Events were lost: what was modified since the last sync is taken as new, at the
	// cost of one listing.
	@Override
	public void overflow(Path directory) {
		logger.warn("tempguard missed changes in " + directory + " (too many at once); it lists the directory to"
				+ " catch up");
		FileTime since = FileTime.fromMillis(this.lastSyncMillis - 1000);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			for (Path entry : entries) {
				if (!this.appeared.containsKey(entry) && modifiedSince(entry, since)) {
					created(entry);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("tempguard could not list " + directory, ex);
		}
	}

	private boolean isOpenLeaf(Scope scope) {
		for (Scope other : this.open) {
			if (other.parent() == scope) {
				return false;
			}
		}
		return true;
	}

	private static boolean modifiedSince(Path entry, FileTime since) {
		try {
			return Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).compareTo(since) >= 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void delete(Path entry) {
		try {
			CleanupResult result = this.engines.current().delete(entry);
			if (!result.successful()) {
				logger.warn("tempguard could not delete the leaked " + entry + ": " + result.failures());
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn(ex.getMessage());
		}
	}

	private synchronized DirectoryWatcher watcher() {
		DirectoryWatcher current = this.watcher;
		if (current == null) {
			try {
				current = new DirectoryWatcher(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("tempguard cannot watch directories for leaked files on this system;"
						+ " set tempguard.leak-detection.enabled=false", ex);
			}
			this.watcher = current;
		}
		return current;
	}

}
