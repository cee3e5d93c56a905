package dev.tempguard.agent;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.CreationSite;
import dev.tempguard.agent.boot.Dispatcher;
import dev.tempguard.internal.runtime.TempGuardRuntime;

/**
 * Connects tempguard's agent to the runtime: each file or directory the JDK made in a
 * watched directory goes to leak detection, on the thread that made it, with where it was
 * made; each file opened for writing below a root-dir is remembered, to say where a file
 * that cannot be deleted is held open. Without the agent, leaks are still found (by the
 * watched directories' contents at each transition) and the verdict says why their
 * creation site is unknown.
 */
public final class Interception implements Consumer<Object[]> {

	private static final Log logger = LogFactory.getLog(Interception.class);

	private static final AtomicBoolean started = new AtomicBoolean();

	private final TempGuardRuntime runtime;

	private final AtomicBoolean failed = new AtomicBoolean();

	private Interception(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Starts the interception once per JVM, or says why there is none.
	 * @param runtime the runtime that receives what is made
	 * @param enabled {@code tempguard.agent.enabled}
	 */
	public static void start(TempGuardRuntime runtime, boolean enabled) {
		if (!started.compareAndSet(false, true)) {
			return;
		}
		if (!enabled) {
			runtime.leakDetector().unknownSite("tempguard's agent is off (tempguard.agent.enabled=false)");
			return;
		}
		TempGuardAgent.Status status = TempGuardAgent.install(new Interception(runtime));
		if (!status.active()) {
			String advice = "tempguard finds leaks without its agent, so it cannot say where each was made and relies"
					+ " on timing for tests that run at the same time: " + status.reason() + ". Add -javaagent:" + jar()
					+ " to the test JVM (see docs/agent.md).";
			logger.info(advice);
			runtime.note(advice);
			runtime.leakDetector()
				.unknownSite("tempguard's agent is not attached (" + status.reason() + "; see docs/agent.md)");
			return;
		}
		runtime.leakDetector()
			.unknownSite("made by native code, a child process or a JDK call tempguard's agent does not see"
					+ " (Files.copy, Files.move)");
		runtime.onDirectoriesChanged(() -> TempGuardAgent.watch(runtime.leakDetector().watchedDirectories(),
				runtime.view().rootDirectories()));
	}

	// where the agent is, for the advice to add it
	private static String jar() {
		try {
			return Path.of(TempGuardAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
		}
		catch (Exception | LinkageError ex) {
			return "<path to tempguard-junit.jar>";
		}
	}

	@Override
	public void accept(Object[] event) {
		try {
			Path path = (event[0] instanceof File file) ? file.toPath() : (Path) event[0];
			Path absolute = path.toAbsolutePath().normalize();
			CreationSite site = CreationSite.of(Thread.currentThread().getName(), (Throwable) event[3]);
			if ((Integer) event[2] == Dispatcher.OPENED) {
				this.runtime.openSites().opened(absolute, site);
			}
			else {
				this.runtime.leakDetector().createdOnThisThread(absolute, site);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// never the caller's problem: logged once
			if (this.failed.compareAndSet(false, true)) {
				logger.warn("tempguard could not record a file the JDK made; it goes on without it: " + ex, ex);
			}
		}
	}

}
