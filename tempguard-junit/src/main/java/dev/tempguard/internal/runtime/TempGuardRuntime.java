package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.TempGuardView;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.OpenFiles;
import dev.tempguard.internal.cleanup.OpenSites;
import dev.tempguard.internal.cleanup.ScopeCleaner;
import dev.tempguard.internal.disposition.Dispositions;
import dev.tempguard.internal.leak.FrameworkLeftovers;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.rundir.RootDirectories;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.scope.TrackedPaths;
import dev.tempguard.internal.settings.CleanupPolicy;
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

	private static final Log logger = LogFactory.getLog(TempGuardRuntime.class);

	private static final TempGuardRuntime INSTANCE = new TempGuardRuntime();

	private final Scopes scopes = new Scopes();

	private final TrackedPaths trackedPaths = new TrackedPaths();

	private final Counters counters = new Counters();

	private final DeletionEngines engines = new DeletionEngines();

	private final OpenSites openSites = new OpenSites();

	private final ScopeCleaner cleaner = new ScopeCleaner(this.engines, this.counters, this.openSites, new OpenFiles());

	private final List<Runnable> directoryListeners = new CopyOnWriteArrayList<>();

	private final List<String> notes = new CopyOnWriteArrayList<>();

	private final LeakDetector leakDetector = new LeakDetector(this.scopes, this.counters, this.engines);

	private final RunRecorder recorder = new RunRecorder();

	private final Dispositions dispositions = new Dispositions();

	private final Map<Path, RunDirectory> runDirectories = new ConcurrentHashMap<>();

	private final Set<Path> sweptRootDirs = ConcurrentHashMap.newKeySet();

	// the root-dir each default one resolved to, so that a fallback is chosen and warned
	// about once
	private final Map<Path, Path> defaultRootDirs = new ConcurrentHashMap<>();

	private final TempGuardView view = new RuntimeView(this);

	private final TestLifecycle lifecycle = new TestLifecycle(this);

	private final RunLeaks runLeaks = new RunLeaks(this);

	private final FrameworkLeftovers frameworkLeftovers;

	private final LeftoversAtExit leftoversAtExit;

	private final LeaksAtExit leaksAtExit;

	// application contexts that loaded with tempguard.enabled true, and false
	private final AtomicInteger contextsOn = new AtomicInteger();

	private final AtomicInteger contextsOff = new AtomicInteger();

	private volatile @Nullable Configuration configuration;

	TempGuardRuntime() {
		this(Path.of(System.getProperty("java.io.tmpdir")), LeftoversAtExit::shutdownHook, LeaksAtExit::shutdownHook,
				LeftoversAtExit.Sleeper.THREAD);
	}

	/**
	 * A runtime deleting the framework leftovers it finds in {@code tmpdir} through
	 * {@code leftoversAtExit}, and looking a last time for leaks through
	 * {@code leaksAtExit}, each registering what runs at the end of the JVM.
	 */
	TempGuardRuntime(Path tmpdir, Consumer<Runnable> leftoversAtExit, Consumer<Runnable> leaksAtExit,
			LeftoversAtExit.Sleeper sleeper) {
		this.frameworkLeftovers = new FrameworkLeftovers(tmpdir, this::recordDirectory);
		this.leftoversAtExit = new LeftoversAtExit(this, leftoversAtExit, sleeper);
		this.leaksAtExit = new LeaksAtExit(this, leaksAtExit);
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

	/**
	 * Says {@code note} with the summary at the end of the run: something the user should
	 * know about how the run was guarded, printed even where the test class path has no
	 * logging.
	 */
	public void note(String note) {
		if (!this.notes.contains(note)) {
			this.notes.add(note);
		}
	}

	/** What {@link #note} was given, in order. */
	public List<String> notes() {
		return List.copyOf(this.notes);
	}

	/** Whether leaks are allowed or known from a baseline, and the baselines in use. */
	public Dispositions dispositions() {
		return this.dispositions;
	}

	/** What application contexts leave when they start, and its deletion. */
	public FrameworkLeftovers frameworkLeftovers() {
		return this.frameworkLeftovers;
	}

	LeftoversAtExit leftoversAtExit() {
		return this.leftoversAtExit;
	}

	LeaksAtExit leaksAtExit() {
		return this.leaksAtExit;
	}

	/**
	 * An application context starts: what appears in the watched directories meanwhile is
	 * a framework's, blamed on no test.
	 * @param startedBy the test whose application context starts, {@code null} when none
	 */
	public void startupBegan(@Nullable Scope startedBy) {
		this.leakDetector.startupBegan(startedBy);
	}

	/**
	 * A start of an application context is over: what appeared meanwhile goes to the
	 * framework leftovers, those of the catalogue to be deleted at the end of the JVM.
	 */
	public void startupEnded() {
		this.leakDetector.startupEnded();
		this.frameworkLeftovers.appeared(this.leakDetector.startupLeftovers());
		this.leftoversAtExit.scheduleIfNeeded();
	}

	/** Where files below the root-dirs were opened, as the agent saw it. */
	public OpenSites openSites() {
		return this.openSites;
	}

	/**
	 * Runs {@code listener} now and whenever the watched directories or the root-dirs
	 * change (the agent follows them).
	 */
	public void onDirectoriesChanged(Runnable listener) {
		this.directoryListeners.add(listener);
		this.leakDetector.onWatchChanged(listener);
		listener.run();
	}

	/** The leaks the run holds, which the next test class to end fails with. */
	RunLeaks runLeaks() {
		return this.runLeaks;
	}

	/** The life of test contexts, which the framework adapters share. */
	public TestLifecycle lifecycle() {
		return this.lifecycle;
	}

	/**
	 * Configures the run from the test framework's settings (JUnit configuration
	 * parameters and system properties): the first configuration of this runtime wins,
	 * later ones are ignored. When they enable tempguard, starts the sweep and leak
	 * detection.
	 * @param settings the settings, or how reading them failed
	 */
	public void configure(Supplier<TempGuardSettings> settings) {
		configure(settings, false);
	}

	/**
	 * Configures the run as {@link #configure(Supplier)} does.
	 * @param settings the settings, or how reading them failed
	 * @param explicit whether {@code tempguard.enabled} is set where they come from: then
	 * the settings of application contexts never turn tempguard off for the JVM
	 */
	public void configure(Supplier<TempGuardSettings> settings, boolean explicit) {
		if (this.configuration != null) {
			return;
		}
		synchronized (this) {
			if (this.configuration != null) {
				return;
			}
			Configuration configured;
			try {
				TempGuardSettings read = settings.get();
				configured = new Configuration(read, read.enabled() ? start(read) : null, null, explicit);
			}
			catch (RuntimeException ex) {
				configured = new Configuration(null, null, ex, explicit);
			}
			this.configuration = configured;
		}
	}

	/**
	 * Whether tempguard is on in this JVM: not when the run's settings (JUnit
	 * configuration parameters, system properties) say {@code tempguard.enabled=false},
	 * nor when they do not set it and the application contexts that loaded all say so,
	 * unless a test created a file through tempguard; {@code true} before anything is
	 * known.
	 */
	public boolean enabled() {
		Configuration current = this.configuration;
		if (current != null && current.settings() != null) {
			if (!current.settings().enabled()) {
				return false;
			}
			if (current.explicit()) {
				return true;
			}
		}
		return this.contextsOff.get() == 0 || this.contextsOn.get() > 0 || this.counters.created() > 0;
	}

	/**
	 * Whether the run's own settings (JUnit configuration parameters, system properties)
	 * say {@code tempguard.enabled=false}, whatever application contexts say.
	 */
	public boolean disabledForTheRun() {
		Configuration current = this.configuration;
		return current != null && current.settings() != null && !current.settings().enabled();
	}

	/**
	 * An application context loads, whose settings say {@code tempguard.enabled}: one
	 * that says {@code false} turns tempguard off for the rest of the JVM, when nothing
	 * else turned it on (see {@link #enabled()}): it stops watching, and the end of the
	 * run writes nothing.
	 */
	public void applicationContextLoads(boolean enabled) {
		if (enabled) {
			this.contextsOn.incrementAndGet();
			return;
		}
		boolean before = enabled();
		this.contextsOff.incrementAndGet();
		if (before && !enabled()) {
			logger.info("tempguard is off: an application context says tempguard.enabled=false and nothing else turned"
					+ " it on; set it as a JUnit configuration parameter or a system property to turn tempguard off"
					+ " from the start of the run");
			this.leakDetector.close();
		}
	}

	/**
	 * The problem with the run's settings, for the adapters to fail tests with.
	 * @return the exception naming the setting, or {@code null} when the settings are
	 * fine
	 */
	public @Nullable RuntimeException configurationError() {
		Configuration current = this.configuration;
		return (current != null) ? current.error() : null;
	}

	/**
	 * How tests are cleaned when their framework gives no settings of its own: the run's
	 * settings.
	 */
	public CleanupPolicy defaultPolicy() {
		Configuration current = this.configuration;
		return (current != null && current.settings() != null) ? current.settings().policy() : CleanupPolicy.DEFAULT;
	}

	/**
	 * The registry of the run's root-dir, for tests that are not given one by a framework
	 * of their own.
	 */
	public DefaultTempFileRegistry defaultRegistry() {
		Configuration current = this.configuration;
		if (current != null && current.registry() != null) {
			return current.registry();
		}
		RuntimeException error = configurationError();
		if (error != null) {
			throw error;
		}
		return registry(TempGuardSettings.defaultRootDir());
	}

	/** The read-only view that monitoring reads. */
	public TempGuardView view() {
		return this.view;
	}

	/**
	 * The root-dir of {@code settings}: the one the user set, or the default, replaced by
	 * a fallback when another user owns it (see {@link RootDirectories#resolveDefault}).
	 * @throws IllegalArgumentException when the root-dir set is a dangerous path, a
	 * symbolic link, a file, or owned by another user
	 */
	public Path rootDir(TempGuardSettings settings) {
		if (settings.rootDirSet()) {
			return RootDirectories.validate(settings.rootDir());
		}
		return this.defaultRootDirs.computeIfAbsent(settings.rootDir(), RootDirectories::resolveDefault);
	}

	/**
	 * A registry creating files in this JVM's run directory under the root-dir of
	 * {@code settings} (see {@link #rootDir(TempGuardSettings)}); nothing is created or
	 * swept until a file is.
	 */
	public DefaultTempFileRegistry registry(TempGuardSettings settings) {
		return registry(rootDir(settings));
	}

	/**
	 * A registry creating files in this JVM's run directory under {@code rootDir}, a
	 * root-dir that the user set; nothing is created or swept until a file is.
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
		// each framework's settings laid over the earlier ones: a Spring context's over
		// the JUnit parameters
		this.recorder.report(this.recorder.report().overriddenBy(settings.report()));
		DefaultTempFileRegistry registry = registry(rootDir(settings), settings.sweep());
		watch(settings.leakDetection());
		return registry;
	}

	/**
	 * Watches the directories {@code leakDetection} names too, when it is enabled: every
	 * test plan and application context of the JVM adds its own.
	 */
	public void watch(LeakDetectionSettings leakDetection) {
		if (leakDetection.enabled()) {
			this.leakDetector.watch(leakDetection.watchDirs(), leakDetection.ignore(), leakDetection.mode());
			this.frameworkLeftovers.catalogue(leakDetection.frameworkLeftovers());
		}
	}

	private record Configuration(@Nullable TempGuardSettings settings, @Nullable DefaultTempFileRegistry registry,
			@Nullable RuntimeException error, boolean explicit) {

	}

	// where framework leftovers are recorded: the run directory of the run's root-dir,
	// else the first one used
	private @Nullable RunDirectory recordDirectory() {
		Configuration current = this.configuration;
		if (current != null && current.registry() != null) {
			RunDirectory directory = this.runDirectories.get(current.registry().rootDir());
			if (directory != null) {
				return directory;
			}
		}
		List<Path> rootDirs = rootDirectories();
		return rootDirs.isEmpty() ? null : this.runDirectories.get(rootDirs.get(0));
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
		RunDirectory existing = this.runDirectories.get(rootDir);
		if (existing != null) {
			return existing;
		}
		RunDirectory directory = this.runDirectories.computeIfAbsent(rootDir, (root) -> {
			this.engines.protect(root);
			this.leakDetector.ignoreOwn(root);
			return new RunDirectory(root);
		});
		this.directoryListeners.forEach(Runnable::run);
		return directory;
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
