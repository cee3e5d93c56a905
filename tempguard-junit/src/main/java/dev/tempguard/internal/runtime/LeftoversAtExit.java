package dev.tempguard.internal.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.leak.FrameworkLeftovers;
import dev.tempguard.internal.rundir.RunDirectory;

/**
 * Deletes the framework leftovers at the end of the JVM, once the application contexts
 * that made them have closed: Spring's test context cache closes them in shutdown hooks
 * of its own, which run at the same time as this one, so this one waits for them, at most
 * {@link #WAIT}. Contexts still open then (a shutdown hook turned off, a close that
 * hangs) keep their leftovers: they stay recorded in the run directory, which the next
 * run's sweep finds orphaned. The run directory holding the record is removed last, once
 * nothing is left to record.
 */
final class LeftoversAtExit {

	/** How long the end of the JVM waits for application contexts to close. */
	static final Duration WAIT = Duration.ofSeconds(5);

	private static final Duration POLL = Duration.ofMillis(20);

	private static final Log logger = LogFactory.getLog(LeftoversAtExit.class);

	private final TempGuardRuntime runtime;

	private final Consumer<Runnable> atExit;

	private final Sleeper sleeper;

	private final AtomicBoolean scheduled = new AtomicBoolean();

	// the run directory the end of the run left for this to remove
	private volatile @Nullable RunDirectory deferred;

	/**
	 * @param runtime the runtime whose leftovers are deleted
	 * @param atExit registers what runs at the end of the JVM
	 * @param sleeper waits between two looks at the contexts
	 */
	LeftoversAtExit(TempGuardRuntime runtime, Consumer<Runnable> atExit, Sleeper sleeper) {
		this.runtime = runtime;
		this.atExit = atExit;
		this.sleeper = sleeper;
	}

	/** Runs {@code task} in a JVM shutdown hook. */
	static void shutdownHook(Runnable task) {
		Runtime.getRuntime().addShutdownHook(new Thread(task, "tempguard-framework-leftovers"));
	}

	/** Schedules the deletion at exit once, when there is a leftover to delete. */
	void scheduleIfNeeded() {
		boolean pending = this.runtime.frameworkLeftovers()
			.found()
			.stream()
			.anyMatch((found) -> found.status() == FrameworkLeftovers.Status.DELETE_AT_EXIT);
		if (pending && this.scheduled.compareAndSet(false, true)) {
			this.atExit.accept(this::run);
		}
	}

	/**
	 * The end of the run kept {@code directory} because it records leftovers still to
	 * delete: it is removed once they are.
	 */
	void defer(RunDirectory directory) {
		this.deferred = directory;
	}

	/** Waits for the contexts to close, then deletes the leftovers. Never throws. */
	void run() {
		try {
			if (!awaitContextsClosed()) {
				logger.warn("tempguard leaves the framework leftovers of this run in place: their application contexts"
						+ " were still open " + WAIT.toSeconds() + " s into the end of the JVM; the next run's sweep"
						+ " deletes them");
				return;
			}
			FrameworkLeftovers leftovers = this.runtime.frameworkLeftovers();
			List<FrameworkLeftovers.Found> done = leftovers.deleteRecorded(this.runtime.engines().current());
			for (FrameworkLeftovers.Found found : done) {
				if (found.status() == FrameworkLeftovers.Status.DELETE_FAILED) {
					logger.warn("tempguard could not delete the framework leftover " + found.path() + ": "
							+ found.note() + "; the next run's sweep tries again");
				}
			}
			RunDirectory directory = this.deferred;
			if (directory != null && leftovers.recordedIn() == null) {
				this.deferred = null;
				RunEnd.removeRunDirectory(this.runtime, directory);
			}
		}
		catch (RuntimeException ex) {
			logger.warn(
					"tempguard could not delete the framework leftovers of this run; the next run's sweep does: " + ex,
					ex);
		}
	}

	// looks every POLL, WAIT in all: the sleeps are counted, so that a test needs no
	// clock
	boolean awaitContextsClosed() {
		FrameworkLeftovers leftovers = this.runtime.frameworkLeftovers();
		long slept = 0;
		while (!leftovers.contextsClosed()) {
			if (slept >= WAIT.toMillis()) {
				return false;
			}
			try {
				this.sleeper.sleep(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			slept += POLL.toMillis();
		}
		return true;
	}

	/** Waits between two looks at the contexts. */
	@FunctionalInterface
	interface Sleeper {

		Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

		void sleep(Duration duration) throws InterruptedException;

	}

}
