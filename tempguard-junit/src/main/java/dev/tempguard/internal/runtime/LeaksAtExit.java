package dev.tempguard.internal.runtime;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.leak.LeakDetector;
import dev.tempguard.internal.settings.CleanupPolicy;

/**
 * The last look at the watched directories, at the end of the JVM: what appears after the
 * end of the run (made by a thread or an executor that a test did not wait for) is seen
 * by nothing else, the run's summary and report being written. Each such leak still
 * there, neither allowed nor known, is logged as an error, and deleted when
 * {@code tempguard.leak-detection.delete-untracked} says so, as at the end of the run;
 * then leak detection stops, so that nothing of tempguard's stays open on a directory. It
 * is registered once, at the end of the first run that watches, and looks at the runtime
 * as the JVM ends: at what the last test plan left.
 */
final class LeaksAtExit {

	private static final Log logger = LogFactory.getLog(LeaksAtExit.class);

	private final TempGuardRuntime runtime;

	private final Consumer<Runnable> atExit;

	private final AtomicBoolean scheduled = new AtomicBoolean();

	/**
	 * @param runtime the runtime whose watched directories are looked at
	 * @param atExit registers what runs at the end of the JVM
	 */
	LeaksAtExit(TempGuardRuntime runtime, Consumer<Runnable> atExit) {
		this.runtime = runtime;
		this.atExit = atExit;
	}

	/** Runs {@code task} in a JVM shutdown hook. */
	static void shutdownHook(Runnable task) {
		Runtime.getRuntime().addShutdownHook(new Thread(task, "tempguard-last-look"));
	}

	/** Schedules the last look at exit once, when directories are watched. */
	void scheduleOnce() {
		if (this.runtime.leakDetector().isActive() && this.scheduled.compareAndSet(false, true)) {
			this.atExit.accept(this::run);
		}
	}

	/**
	 * Reports what the run holds still, then stops leak detection. Never throws: the JVM
	 * ends whatever happens here.
	 */
	void run() {
		LeakDetector detector = this.runtime.leakDetector();
		try {
			if (detector.isActive()) {
				// what cached contexts make as they close (at the end of the JVM, in
				// Spring's own hook) is looked at too; a bounded wait, then it looks
				// anyway
				this.runtime.leftoversAtExit().awaitContextsClosed();
				lookAgain();
			}
		}
		catch (Throwable ex) {
			logger.warn("tempguard could not look at its watched directories at the end of the JVM: " + ex, ex);
		}
		try {
			detector.close();
		}
		catch (Throwable ex) {
			logger.warn("tempguard could not stop watching its watched directories at the end of the JVM: " + ex, ex);
		}
	}

	private void lookAgain() {
		// the run's policy, as the end of the run applies it
		CleanupPolicy policy = this.runtime.lifecycle().policyOf(this.runtime.scopes().run());
		RunLeaks.Judged held = this.runtime.runLeaks().take(policy);
		for (Leak leak : held.leaks()) {
			String excuse = held.judgement().excuse(leak);
			if (excuse != null) {
				logger.debug("the run left " + leak.path() + " after it ended, which fails nothing: " + excuse);
				continue;
			}
			boolean deleted = policy.deleteUntracked() && !Files.exists(leak.path(), LinkOption.NOFOLLOW_LINKS);
			logger.error(message(leak, deleted));
		}
	}

	static String message(Leak leak, boolean deleted) {
		return "tempguard: " + leak.describe() + " appeared after the last test of the run ended, made, for"
				+ " example, by a thread or an executor that a test did not wait for. The run's summary and"
				+ " report.json were written before: this line is the only place it is reported."
				+ (deleted ? " tempguard deleted it (tempguard.leak-detection.delete-untracked=true)." : "")
				+ " Wait for that work before the test ends (join the thread, get the future, or shut the executor"
				+ " down and await its termination), or delete the file. See " + TempFileLeakError.DOCS;
	}

}
