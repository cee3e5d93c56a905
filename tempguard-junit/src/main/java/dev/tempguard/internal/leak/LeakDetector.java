package dev.tempguard.internal.leak;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.PathSize;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.stats.Counters;

/**
 * Finds untracked leaks: entries that appear in a watched directory without the registry
 * and outlive the test they belong to.
 * <p>
 * An entry belongs to a test exactly when it is seen where it is made
 * ({@link #createdOnThisThread}, called by tempguard's agent on the creating thread): to
 * the test the thread works for, or, when that test has ended, to it as a
 * {@link Leak.Reason#LATE late} entry. Entries made otherwise (native code, child
 * processes, no agent) are found by an {@link EntrySource} at each transition
 * ({@link #opened}, {@link #closed}, start-ups), on the transitioning thread and under
 * one lock, and belong to the tests that were running when they appeared: the only one,
 * else all of them as an {@link Leak.Reason#AMBIGUOUS ambiguous} entry. Nothing waits for
 * another thread. Entries that appear while an application context starts belong to the
 * run, as do those that appear outside every test and late entries whose class has ended;
 * none is dropped: the end of the next test class that can fail takes the run's
 * ({@link #runLeaks}), the end of the run what is left.
 */
public final class LeakDetector {

	private static final Log logger = LogFactory.getLog(LeakDetector.class);

	/**
	 * Entries held by the run are pruned of those deleted again once there are this many.
	 */
	private static final int RUN_PRUNE_THRESHOLD = 10_000;

	private final Scopes scopes;

	private final Counters counters;

	private final DeletionEngines engines;

	private final LeakFilter filter = new LeakFilter();

	private final Function<LeakDetectionSettings.Mode, EntrySource> sources;

	// guarded by itself: the state as of the last transition
	private final Object lock = new Object();

	private final Map<Path, Appearance> appearances = new HashMap<>();

	private final Set<Scope> open = new LinkedHashSet<>();

	private final List<Appearance> pending = new ArrayList<>();

	private final Set<Path> watched = new LinkedHashSet<>();

	// how many times the agent saw each entry made since the last drain, and how many
	// creations of it the drain under way has read: a creation beyond the agent's after a
	// removal was made by something else
	private final Map<Path, Integer> reportedSinceDrain = new HashMap<>();

	private final Map<Path, Integer> createdThisDrain = new HashMap<>();

	private @Nullable EntrySource source;

	private int startups;

	// the test whose application context is starting, when only one is
	private @Nullable Scope starter;

	private int runHeld;

	private volatile Set<Path> watchedDirectories = Set.of();

	private final List<Runnable> watchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	private volatile String unknownSite = "tempguard's agent is not attached, see docs/agent.md";

	public LeakDetector(Scopes scopes, Counters counters, DeletionEngines engines) {
		this(scopes, counters, engines, EntrySources::create);
	}

	LeakDetector(Scopes scopes, Counters counters, DeletionEngines engines,
			Function<LeakDetectionSettings.Mode, EntrySource> sources) {
		this.scopes = scopes;
		this.counters = counters;
		this.engines = engines;
		this.sources = sources;
	}

	/**
	 * Watches {@code directories} from now on (one that does not exist yet from when it
	 * appears), ignoring entries that match {@code ignore} too; the first call chooses
	 * how entries are found.
	 */
	public void watch(Collection<Path> directories, Collection<String> ignore, LeakDetectionSettings.Mode mode) {
		ignore.forEach(this.filter::ignore);
		synchronized (this.lock) {
			if (this.source == null) {
				this.source = this.sources.apply(mode);
				logger.debug("tempguard finds entries of watched directories by " + this.source.name());
			}
			for (Path directory : directories) {
				Path normalized = directory.toAbsolutePath().normalize();
				if (this.watched.add(normalized)) {
					if (!Files.isDirectory(normalized)) {
						// java.io.tmpdir is watched by default, unnamed by the user
						logger.info(
								"tempguard watches " + normalized + " for leaks (tempguard.leak-detection.watch-dirs),"
										+ " which does not exist yet: it is watched from when it appears");
					}
					this.source.watch(normalized);
				}
			}
			this.watchedDirectories = Set.copyOf(this.watched);
		}
		this.watchListeners.forEach(Runnable::run);
	}

	/** Runs {@code listener} whenever the watched directories change. */
	public void onWatchChanged(Runnable listener) {
		this.watchListeners.add(listener);
	}

	/** The watched directories, absolute and normalized. */
	public Set<Path> watchedDirectories() {
		return this.watchedDirectories;
	}

	/**
	 * Never reports {@code directory} (a root-dir of tempguard), what is in it, nor the
	 * directories to it.
	 */
	public void ignoreOwn(Path directory) {
		this.filter.ignoreOwn(directory);
	}

	/** Whether directories are watched. */
	public boolean isActive() {
		return !this.watchedDirectories.isEmpty();
	}

	/**
	 * Whether {@code directory} is watched: the agent reports only what is made directly
	 * in one.
	 */
	public boolean watches(@Nullable Path directory) {
		return directory != null && this.watchedDirectories.contains(directory);
	}

	/**
	 * How entries are found, for the summary: {@code inotify}, {@code snapshot}, or
	 * {@code none}.
	 */
	public String sourceName() {
		synchronized (this.lock) {
			return (this.source != null) ? this.source.name() : "none";
		}
	}

	/**
	 * Why the site of an entry found by the {@link EntrySource} is unknown, said in its
	 * leak.
	 */
	public void unknownSite(String why) {
		this.unknownSite = why;
	}

	/** Opens {@code scope} for what appears from now on. */
	public void opened(Scope scope) {
		synchronized (this.lock) {
			drain();
			this.open.add(scope);
		}
	}

	/**
	 * Closes {@code scope}: what appeared until now may belong to it, nothing that
	 * appears later does (but what its threads still make, as a late entry).
	 */
	public void closed(Scope scope) {
		synchronized (this.lock) {
			drain();
			this.open.remove(scope);
			resolvePending(scope);
		}
	}

	/**
	 * An application context starts: what appears meanwhile is a framework's, and belongs
	 * to the run.
	 * @param startedBy the test whose context starts, {@code null} when none
	 */
	public void startupBegan(@Nullable Scope startedBy) {
		synchronized (this.lock) {
			drain();
			// several starts at once: whose leftover is whose is not known
			this.starter = (this.startups == 0 && startedBy != null && startedBy.kind() != Scope.Kind.RUN) ? startedBy
					: null;
			this.startups++;
		}
	}

	public void startupEnded() {
		synchronized (this.lock) {
			drain();
			this.startups = Math.max(0, this.startups - 1);
			if (this.startups == 0) {
				this.starter = null;
			}
		}
	}

	/**
	 * {@code entry} was just made on the calling thread (tempguard's agent saw it): it
	 * belongs to the test that thread works for. Never throws.
	 * @param entry the absolute path made
	 * @param site where it was made
	 */
	public void createdOnThisThread(Path entry, CreationSite site) {
		if (!watches(entry.getParent()) || this.filter.ignores(entry)) {
			return;
		}
		Scope bound = this.scopes.bound();
		synchronized (this.lock) {
			this.reportedSinceDrain.merge(entry, 1, Integer::sum);
			Appearance previous = this.appearances.get(entry);
			if (previous != null) {
				detach(previous);
			}
			if (bound != null && bound.kind() != Scope.Kind.RUN) {
				if (this.open.contains(bound)) {
					attach(new Appearance(entry, Leak.Reason.UNTRACKED, bound, List.of(), site, false), bound);
				}
				else {
					attach(new Appearance(entry, Leak.Reason.LATE, bound, List.of(), site, false),
							openClassAbove(bound));
				}
				return;
			}
			// a thread bound to no test (a server's request thread) works for the tests
			// running, even while another context starts
			attributeToRunning(entry, site, bound == null);
		}
	}

	// what the entry source found: it belongs to the tests running since the previous
	// transition
	private void drain() {
		EntrySource current = this.source;
		if (current == null) {
			return;
		}
		try {
			current.drain((entry) -> {
				Appearance known = this.appearances.get(entry);
				int creations = this.createdThisDrain.merge(entry, 1, Integer::sum);
				if (known != null && known.removed && creations > this.reportedSinceDrain.getOrDefault(entry, 0)) {
					// removed, then made again by what the agent did not see (another
					// test's child process, a copy): not the first maker's
					detach(known);
					attributeToRunning(entry, CreationSite.unknown(this.unknownSite), false);
				}
				else if (known != null) {
					// the creation the agent told, or made again by it: there again
					known.removed = false;
				}
				else if (!this.filter.ignores(entry)) {
					attributeToRunning(entry, CreationSite.unknown(this.unknownSite), false);
				}
			}, (entry) -> {
				Appearance known = this.appearances.get(entry);
				if (known != null) {
					known.removed = true;
				}
			});
		}
		catch (RuntimeException ex) {
			logger.warn("tempguard could not read the changes of its watched directories: " + ex, ex);
		}
		finally {
			this.reportedSinceDrain.clear();
			this.createdThisDrain.clear();
		}
	}

	private void attributeToRunning(Path entry, CreationSite site, boolean unboundThread) {
		if (this.startups > 0 && !(unboundThread && testRunning())) {
			Scope origin = (this.starter != null) ? this.starter : this.scopes.run();
			attach(new Appearance(entry, Leak.Reason.UNTRACKED, origin, List.of(), site, true), this.scopes.run());
			return;
		}
		List<Scope> running = running();
		if (running.isEmpty()) {
			attach(new Appearance(entry, Leak.Reason.UNTRACKED, this.scopes.run(), List.of(), site, false),
					this.scopes.run());
		}
		else if (running.size() == 1) {
			Scope only = running.get(0);
			attach(new Appearance(entry, Leak.Reason.UNTRACKED, only, List.of(), site, false), only);
		}
		else {
			Scope common = this.scopes.narrowestEnclosing(running, (scope) -> true);
			Appearance appearance = new Appearance(entry, Leak.Reason.AMBIGUOUS, common, running, site, false);
			Scope holder = (common.kind() == Scope.Kind.CLASS) ? common : null;
			if (holder != null) {
				attach(appearance, holder);
			}
			else {
				// tests of several classes: the class of the last of them to end checks
				// it
				this.appearances.put(entry, appearance);
				this.pending.add(appearance);
			}
		}
	}

	private boolean testRunning() {
		for (Scope scope : this.open) {
			if (scope.kind() == Scope.Kind.METHOD) {
				return true;
			}
		}
		return false;
	}

	// the open contexts with no open context below them, as of the last transition
	private List<Scope> running() {
		List<Scope> running = new ArrayList<>();
		Set<Scope> parents = new HashSet<>();
		for (Scope scope : this.open) {
			if (scope.parent() != null) {
				parents.add(scope.parent());
			}
		}
		for (Scope scope : this.open) {
			if (!parents.contains(scope)) {
				running.add(scope);
			}
		}
		return running;
	}

	private void resolvePending(Scope closed) {
		for (Iterator<Appearance> iterator = this.pending.iterator(); iterator.hasNext();) {
			Appearance appearance = iterator.next();
			if (appearance.candidates.contains(closed)
					&& appearance.candidates.stream().noneMatch(this.open::contains)) {
				iterator.remove();
				attach(appearance, openClassAbove(closed));
			}
		}
	}

	// the closest open class enclosing a test that ended, whose end can still fail; else
	// the run
	private Scope openClassAbove(Scope scope) {
		for (Scope parent = scope.parent(); parent != null; parent = parent.parent()) {
			if (parent.kind() == Scope.Kind.CLASS && this.open.contains(parent)) {
				return parent;
			}
		}
		return this.scopes.run();
	}

	private void attach(Appearance appearance, Scope holder) {
		appearance.holder = holder;
		this.appearances.put(appearance.path, appearance);
		holder.appeared(appearance.path);
		if (holder.kind() == Scope.Kind.RUN && ++this.runHeld > RUN_PRUNE_THRESHOLD) {
			pruneRun();
		}
	}

	private void detach(Appearance appearance) {
		this.appearances.remove(appearance.path);
		this.pending.remove(appearance);
		if (appearance.holder != null) {
			appearance.holder.forgetAppeared(appearance.path);
		}
	}

	private void pruneRun() {
		Scope run = this.scopes.run();
		for (Path entry : run.drainAppeared()) {
			Appearance appearance = this.appearances.get(entry);
			if (appearance != null && appearance.holder == run && present(appearance)) {
				run.appeared(entry);
			}
			else if (appearance != null && appearance.holder == run) {
				this.appearances.remove(entry);
			}
		}
		this.runHeld = 0;
	}

	/**
	 * The untracked leaks {@code scope} holds now that it ended: what appeared for it and
	 * is still there. They are deleted once reported when {@code delete} is set.
	 */
	public List<Leak> untrackedLeaks(Scope scope, boolean delete) {
		boolean runEnds = scope.kind() == Scope.Kind.RUN;
		List<Appearance> held = take(scope, false, runEnds);
		return leaks(runEnds ? held : deferJUnitTempDirectories(scope, held), delete).stream()
			.map(UntrackedLeak::leak)
			.toList();
	}

	// JUnit deletes a test's @TempDir when it closes the test's extension context, after
	// tempguard checked the test: one still there is checked once more where the context
	// above ends (the class, else the run), so that one JUnit keeps is still reported
	private List<Appearance> deferJUnitTempDirectories(Scope scope, List<Appearance> held) {
		List<Appearance> now = new ArrayList<>(held.size());
		for (Appearance appearance : held) {
			if (!appearance.deferred && ToolFileNames.junitTempDirectory(String.valueOf(appearance.path.getFileName()))
					&& present(appearance)) {
				synchronized (this.lock) {
					appearance.deferred = true;
					attach(appearance, openClassAbove(scope));
				}
			}
			else {
				now.add(appearance);
			}
		}
		return now;
	}

	/**
	 * Takes the untracked leaks the run holds so far, which no test can be failed for:
	 * entries that appeared outside every test, or that a test's thread made after the
	 * test's class ended, and that are still there; never what appeared while an
	 * application context started. Each is taken once, and deleted once reported when
	 * {@code delete} is set; what appears later stays for the next call or the end of the
	 * run.
	 */
	public List<UntrackedLeak> runLeaks(boolean delete) {
		return leaks(take(this.scopes.run(), false, false), delete);
	}

	// the appearances that are leaks: still there, and tracked by no registry (another
	// test's, or the class's)
	private List<UntrackedLeak> leaks(List<Appearance> held, boolean delete) {
		List<UntrackedLeak> leaks = new ArrayList<>();
		for (Appearance appearance : held) {
			if (!present(appearance) || this.scopes.isTracked(appearance.path)) {
				continue;
			}
			PathSize size = PathSize.of(appearance.path);
			leaks.add(new UntrackedLeak(
					new Leak(appearance.origin.id(), appearance.path, appearance.reason, size.bytes(), size.files(),
							null, appearance.site, appearance.candidateIds(), Leak.OpenState.UNKNOWN, null),
					appearance.origin));
			if (delete) {
				delete(appearance.path);
			}
		}
		this.counters.untrackedLeaks(leaks.size());
		return leaks;
	}

	/**
	 * Takes what appeared while application contexts started and is still there: the
	 * frameworks' leftovers, which no test is blamed for, each with whether tempguard's
	 * agent saw this JVM make it (what the directory watch found may be another
	 * process's). Called when a start ends and at the end of the run; each entry is given
	 * once.
	 */
	public List<StartupEntry> startupLeftovers() {
		return take(this.scopes.run(), true, false).stream()
			.filter(LeakDetector::present)
			.map((appearance) -> new StartupEntry(appearance.path, appearance.site,
					(appearance.origin.kind() != Scope.Kind.RUN) ? appearance.origin.id() : null))
			.toList();
	}

	// removes and returns what scope holds: its start-up entries, or its others; when the
	// run ends, what is still pending too
	private List<Appearance> take(Scope scope, boolean startup, boolean runEnds) {
		List<Appearance> taken = new ArrayList<>();
		synchronized (this.lock) {
			if (scope.kind() == Scope.Kind.RUN) {
				drain();
			}
			if (runEnds) {
				for (Appearance appearance : List.copyOf(this.pending)) {
					// the run ends: what is still pending has nobody else left to check
					// it
					this.pending.remove(appearance);
					attach(appearance, scope);
				}
			}
			for (Path entry : scope.drainAppeared()) {
				Appearance appearance = this.appearances.get(entry);
				if (appearance == null || appearance.holder != scope) {
					continue;
				}
				if (appearance.startup != startup) {
					scope.appeared(entry);
					continue;
				}
				this.appearances.remove(entry);
				taken.add(appearance);
			}
			if (scope.kind() == Scope.Kind.RUN) {
				this.runHeld = 0;
			}
		}
		return taken;
	}

	// known gone since the source saw it removed (no stat: on Java 17 a missing path
	// costs an exception with the test's whole stack), else looked at
	private static boolean present(Appearance appearance) {
		return !appearance.removed && Files.exists(appearance.path, LinkOption.NOFOLLOW_LINKS);
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

	/**
	 * Stops watching at the end of the run, so that nothing of tempguard's stays open on
	 * a directory (Windows cannot delete one that is); a later {@link #watch} starts
	 * again.
	 */
	public void close() {
		synchronized (this.lock) {
			if (this.source != null) {
				this.source.close();
				this.source = null;
			}
			this.watched.clear();
			this.watchedDirectories = Set.of();
		}
		this.watchListeners.forEach(Runnable::run);
	}

}
