package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.tempguard.TempGuardView;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.ScopeCleaner;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.rundir.RootDirectories;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.scope.TrackedPaths;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.stats.Counters;
import dev.tempguard.internal.sweep.StartupSweep;

/**
 * What tempguard tracks in this JVM, and where its parts are put together. It is one per
 * JVM, not one per application context: tests of one run use several cached contexts, and
 * a test's files must be found by the test integration whichever context created them.
 * <p>
 * {@link #get()} is for the framework adapters only (JUnit and Spring create their
 * listeners, nothing injects them); everything else gets its collaborators passed in.
 */
public final class TempGuardRuntime {

	private static final TempGuardRuntime INSTANCE = new TempGuardRuntime();

	private final Scopes scopes = new Scopes();

	private final TrackedPaths trackedPaths = new TrackedPaths();

	private final Counters counters = new Counters();

	private final DeletionEngines engines = new DeletionEngines();

	private final ScopeCleaner cleaner = new ScopeCleaner(this.engines, this.counters);

	private final LeakDetector leakDetector = new LeakDetector(this.scopes, this.counters, this.engines);

	private final RunRecorder recorder = new RunRecorder();

	private final Map<Path, RunDirectory> runDirectories = new ConcurrentHashMap<>();

	private final Set<Path> sweptRootDirs = ConcurrentHashMap.newKeySet();

	private final TempGuardView view = new RuntimeView(this);

	TempGuardRuntime() {
	}

	/** The runtime of this JVM. */
	public static TempGuardRuntime get() {
		return INSTANCE;
	}

	public Scopes scopes() {
		return this.scopes;
	}

	public Counters counters() {
		return this.counters;
	}

	public DeletionEngines engines() {
		return this.engines;
	}

	public ScopeCleaner cleaner() {
		return this.cleaner;
	}

	public LeakDetector leakDetector() {
		return this.leakDetector;
	}

	public RunRecorder recorder() {
		return this.recorder;
	}

	/** The read-only view that monitoring reads. */
	public TempGuardView view() {
		return this.view;
	}

	/**
	 * A registry creating files in this JVM's run directory under {@code rootDir};
	 * nothing is created or swept until a file is.
	 * @throws IllegalArgumentException when {@code rootDir} is a dangerous path, a
	 * symbolic link, a file, or owned by another user
	 */
	public DefaultTempFileRegistry registry(Path rootDir) {
		return new DefaultTempFileRegistry(this.scopes, this.trackedPaths, this.cleaner, this.engines, this.counters,
				runDirectory(RootDirectories.validate(rootDir)));
	}

	/**
	 * A registry as {@link #registry(Path)}, after the orphans of {@code rootDir} were
	 * swept as {@code sweep} says.
	 */
	public DefaultTempFileRegistry registry(Path rootDir, SweepSettings sweep) {
		sweepOnce(RootDirectories.validate(rootDir), sweep);
		return registry(rootDir);
	}

	/**
	 * Starts what the settings ask for: the sweep of the root-dir (once per root-dir and
	 * runtime) and leak detection in the watched directories; a history folder they name
	 * is the one the report keeps its history of builds in.
	 * @return the registry of the settings' root-dir
	 */
	public DefaultTempFileRegistry start(TempGuardSettings settings) {
		if (settings.reportHistory().dir() != null) {
			this.recorder.reportHistory(settings.reportHistory());
		}
		DefaultTempFileRegistry registry = registry(settings.rootDir(), settings.sweep());
		LeakDetectionSettings leakDetection = settings.leakDetection();
		if (leakDetection.enabled()) {
			this.leakDetector.watch(leakDetection.watchDirs(), leakDetection.ignore());
			this.leakDetector.syncIn(registry.runDirectory().resolve(".sync"));
		}
		return registry;
	}

	/** The root-dirs in use, sorted. */
	List<Path> rootDirectories() {
		return this.runDirectories.keySet().stream().sorted().toList();
	}

	/** Every run directory that this JVM has used. */
	public Iterable<RunDirectory> runDirectories() {
		return this.runDirectories.values();
	}

	/**
	 * This JVM's run directory under {@code rootDir}, which becomes protected from
	 * deletion.
	 */
	public RunDirectory runDirectory(Path rootDir) {
		return this.runDirectories.computeIfAbsent(rootDir, (root) -> {
			this.engines.protect(root);
			this.leakDetector.ignoreOwn(root);
			return new RunDirectory(root);
		});
	}

	// the first time this runtime uses rootDir with sweeping enabled, its orphans are
	// swept (never this JVM's)
	private void sweepOnce(Path rootDir, SweepSettings sweep) {
		if (sweep.enabled() && this.sweptRootDirs.add(rootDir)) {
			this.engines.protect(rootDir);
			Set<Path> own = this.runDirectories.values().stream().map(RunDirectory::path).collect(Collectors.toSet());
			StartupSweep.run(this.engines.current(), rootDir, sweep, own);
		}
	}

}
