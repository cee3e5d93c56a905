package dev.tempguard;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of what tempguard tracks in this JVM and what it did since the JVM
 * started, for monitoring: the actuator endpoint and the Micrometer meters read it. The
 * counts are live: each call reads them anew.
 */
public interface TempGuardView {

	/** Counts of what is tracked now and of what happened since the JVM started. */
	TempStats stats();

	/** The most recent leaks, oldest first (a bounded number). */
	List<Leak> recentLeaks();

	/**
	 * The open test context with that id, and what it tracks now; empty when no such
	 * context is open.
	 */
	Optional<Context> context(String id);

	/** The root directories ({@code tempguard.root-dir}) in use, sorted. */
	List<Path> rootDirectories();

	/** Temporary files created or registered through the registry. */
	long createdFiles();

	/** Temporary directories created or registered through the registry. */
	long createdDirectories();

	/** Tracked paths deleted by a cleanup, or found already gone. */
	long deleted();

	/** Tracked paths that could not be deleted. */
	long leaked();

	/** Entries that tests left in watched directories without the registry. */
	long untrackedLeaks();

	/** Paths, tracked or inside a tracked directory, that a cleanup could not delete. */
	long cleanupFailures();

	/** Paths tracked now, in every open context. */
	int trackedNow();

	/** Test contexts cleaned (methods, classes, the run). */
	long cleanings();

	/** Time spent cleaning them, in nanoseconds. */
	long cleanupNanos();

	/**
	 * The leaks of the test contexts cleaned so far by whether they fail their test, and
	 * the baseline entries no longer seen, as the end-of-run summary counts them.
	 */
	LeakDispositions leakDispositions();

	/**
	 * Leaks by whether they fail their test.
	 *
	 * @param newLeaks leaks neither allowed nor known: those that fail with
	 * {@code tempguard.fail-on-leak=true}
	 * @param allowed leaks of tests annotated {@link AllowLeaks}
	 * @param known leaks in the baseline ({@code tempguard.baseline})
	 * @param fixed baseline entries that no leak matched any more
	 */
	record LeakDispositions(long newLeaks, long allowed, long known, long fixed) {

	}

	/**
	 * An open test context.
	 *
	 * @param id its id, such as {@code com.example.ReportTests#exportsCsv[1]}
	 * @param kind {@code run}, {@code class} or {@code method}
	 * @param tracked the paths it tracks now, oldest first
	 */
	record Context(String id, String kind, List<Tracked> tracked) {

		public Context {
			tracked = List.copyOf(tracked);
		}

	}

	/**
	 * A path a context tracks.
	 *
	 * @param path the absolute path
	 * @param directory whether it was created or registered as a directory
	 */
	record Tracked(Path path, boolean directory) {

	}

}
