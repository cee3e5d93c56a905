package dev.tempguard.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.ScopeCleaner;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.registry.RunDirectory;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;

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

	private final Map<Path, RunDirectory> runDirectories = new ConcurrentHashMap<>();

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

	/** This JVM's run directory under {@code rootDir}, which becomes protected from deletion. */
	public RunDirectory runDirectory(Path rootDir) {
		return this.runDirectories.computeIfAbsent(rootDir, (root) -> {
			this.engines.protect(root);
			this.leakDetector.ignoreOwn(root);
			return new RunDirectory(root);
		});
	}

	/** Every run directory that this JVM has used. */
	public Iterable<RunDirectory> runDirectories() {
		return this.runDirectories.values();
	}

}
