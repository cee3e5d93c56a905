package dev.tempguard.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.ScopeCleaner;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.registry.RunDirectory;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;
import dev.tempguard.internal.sweep.StartupSweep;
import dev.tempguard.internal.sweep.SweepSettings;

/**
 * What tempguard tracks in this JVM. It is one per JVM, not one per application context: tests of one run
 * use several cached contexts, and a test's files must be found by the test integration whichever context
 * created them.
 */
public final class TempGuardRuntime {

	private static final TempGuardRuntime INSTANCE = new TempGuardRuntime();

	private final Scopes scopes = new Scopes();

	private final Counters counters = new Counters();

	private final DeletionEngines engines = new DeletionEngines();

	private final ScopeCleaner cleaner = new ScopeCleaner(this.engines, this.counters);

	private final LeakDetector leakDetector = new LeakDetector(this.scopes, this.counters, this.engines);

	private final RunRecorder recorder = new RunRecorder();

	private final Map<Path, RunDirectory> runDirectories = new ConcurrentHashMap<>();

	private final Set<Path> sweptRootDirs = ConcurrentHashMap.newKeySet();

	TempGuardRuntime() {
	}

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

	/** This JVM's run directory under {@code rootDir}, which becomes protected from deletion. */
	public RunDirectory runDirectory(Path rootDir) {
		return this.runDirectories.computeIfAbsent(rootDir, (root) -> {
			this.engines.protect(root);
			this.leakDetector.ignoreOwn(root);
			return new RunDirectory(root);
		});
	}

	/**
	 * This JVM's run directory under {@code rootDir}, as {@link #runDirectory(Path)}; the first time this runtime
	 * uses {@code rootDir} with sweeping enabled, its orphans are swept first (never this JVM's run directories).
	 */
	public RunDirectory runDirectory(Path rootDir, SweepSettings sweep) {
		if (sweep.enabled() && this.sweptRootDirs.add(rootDir)) {
			this.engines.protect(rootDir);
			Set<Path> own = this.runDirectories.values()
				.stream()
				.map(RunDirectory::path)
				.collect(Collectors.toSet());
			StartupSweep.run(this.engines.current(), rootDir, sweep, own);
		}
		return runDirectory(rootDir);
	}

	/** Every run directory that this JVM has used. */
	public Iterable<RunDirectory> runDirectories() {
		return this.runDirectories.values();
	}

}
