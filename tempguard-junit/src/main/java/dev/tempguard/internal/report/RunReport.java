package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.tempguard.Leak;
import dev.tempguard.internal.stats.Counters;

/**
 * The report of a test run, as written to JSON: the forks it covers, their totals, and
 * one entry per cleaned test context. A fork writes one covering itself; merging those of
 * every fork of a build gives the build's.
 *
 * @param version the format's version
 * @param forks the test JVMs covered
 * @param totals their counts, added up
 * @param tests one entry per cleaned test context, in the order they were cleaned, fork
 * after fork
 */
public record RunReport(int version, List<Fork> forks, Totals totals, List<TestEntry> tests) {

	/** The current format. */
	public static final int VERSION = 1;

	public RunReport {
		forks = List.copyOf(forks);
		tests = List.copyOf(tests);
	}

	/**
	 * The report of this fork: what {@code recorder} recorded and what {@code counters}
	 * counted.
	 */
	public static RunReport of(Fork fork, RunRecorder recorder, Counters counters) {
		List<TestEntry> tests = recorder.records().stream().map((record) -> TestEntry.of(fork.pid(), record)).toList();
		return new RunReport(VERSION, List.of(fork), Totals.of(counters), tests);
	}

	/**
	 * One report covering all of {@code reports}: their forks, their totals added up,
	 * their entries.
	 */
	public static RunReport merge(List<RunReport> reports) {
		List<Fork> forks = new ArrayList<>();
		List<TestEntry> tests = new ArrayList<>();
		Totals totals = Totals.NONE;
		for (RunReport report : reports) {
			forks.addAll(report.forks());
			tests.addAll(report.tests());
			totals = totals.plus(report.totals());
		}
		return new RunReport(VERSION, forks, totals, tests);
	}

	/**
	 * A test JVM.
	 *
	 * @param pid its process id
	 * @param parentPid the process that started it, which forks of the same build share:
	 * for a surefire fork, the Maven JVM (past the shell that surefire starts forks
	 * through); {@code null} when unknown
	 * @param host the host name
	 * @param start when the JVM started, ISO-8601
	 * @param end when its test run ended, ISO-8601
	 */
	public record Fork(long pid, @Nullable Long parentPid, String host, String start, String end) {

		/** The epoch milliseconds of {@link #start}, 0 when it cannot be read. */
		public long startMillis() {
			try {
				return Instant.parse(this.start).toEpochMilli();
			}
			catch (RuntimeException ex) {
				return 0;
			}
		}

	}

	/**
	 * Counts of a run, as {@link Counters} keeps them.
	 *
	 * @param testsGuarded test methods whose context was cleaned
	 * @param created temporary paths created through the registry
	 * @param createdFiles of those, files
	 * @param createdDirectories of those, directories
	 * @param deleted paths deleted
	 * @param leaked tracked paths that could not be deleted
	 * @param untrackedLeaks entries left in watched directories without the registry
	 * @param kept paths kept on purpose
	 * @param cleanupFailures paths whose deletion failed
	 * @param cleanupNanos time spent cleaning
	 */
	public record Totals(long testsGuarded, long created, long createdFiles, long createdDirectories, long deleted,
			long leaked, long untrackedLeaks, long kept, long cleanupFailures, long cleanupNanos) {

		static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

		public static Totals of(Counters counters) {
			return new Totals(counters.testsCleaned(), counters.created(), counters.createdFiles(),
					counters.createdDirectories(), counters.deleted(), counters.leaked(), counters.untrackedLeaks(),
					counters.kept(), counters.cleanupFailures(), counters.cleanupNanos());
		}

		Totals plus(Totals other) {
			return new Totals(this.testsGuarded + other.testsGuarded, this.created + other.created,
					this.createdFiles + other.createdFiles, this.createdDirectories + other.createdDirectories,
					this.deleted + other.deleted, this.leaked + other.leaked,
					this.untrackedLeaks + other.untrackedLeaks, this.kept + other.kept,
					this.cleanupFailures + other.cleanupFailures, this.cleanupNanos + other.cleanupNanos);
		}

		public long cleanupMillis() {
			return TimeUnit.NANOSECONDS.toMillis(this.cleanupNanos);
		}

	}

	/**
	 * What one test context did with temporary files.
	 *
	 * @param fork the pid of the fork it ran in
	 * @param context the context's id ({@code <class>#<method>[<n>]} for a test method)
	 * @param testClass the test class's name, empty for the run
	 * @param kind {@code method}, {@code class} or {@code run}
	 * @param outcome {@code passed} or {@code failed}
	 * @param files paths it tracked when cleaned
	 * @param bytes their size
	 * @param leaks what it left behind
	 * @param kept paths kept on purpose (after a failed test)
	 * @param cleanupNanos time spent cleaning it
	 */
	public record TestEntry(long fork, String context, String testClass, String kind, String outcome, int files,
			long bytes, List<LeakEntry> leaks, List<String> kept, long cleanupNanos) {

		public TestEntry {
			leaks = List.copyOf(leaks);
			kept = List.copyOf(kept);
		}

		static TestEntry of(long fork, TestRecord record) {
			return new TestEntry(fork, record.context(), (record.testClass() != null) ? record.testClass() : "",
					record.kind(), record.failed() ? "failed" : "passed", record.files(), record.bytes(),
					record.leaks().stream().map(LeakEntry::of).toList(),
					record.kept().stream().map(Path::toString).toList(), record.cleanupNanos());
		}

		public boolean failed() {
			return "failed".equals(this.outcome);
		}

		public double cleanupMillis() {
			return this.cleanupNanos / 1_000_000.0;
		}

	}

	/**
	 * A path a test left behind.
	 *
	 * @param path the path
	 * @param reason {@code UNDELETABLE} or {@code UNTRACKED}
	 * @param bytes its size
	 * @param files 1 for a file, the files it holds for a directory
	 * @param description one line for a person, as in the leak's log line
	 */
	public record LeakEntry(String path, String reason, long bytes, long files, String description) {

		static LeakEntry of(Leak leak) {
			return new LeakEntry(leak.path().toString(), leak.reason().name(), leak.bytes(), leak.files(),
					leak.describe());
		}

	}

	/**
	 * An entry that appeared in a watched directory while an application context started:
	 * not a test's leak, but left by the framework.
	 *
	 * @param fork the pid of the fork it appeared in
	 * @param path the path
	 * @param bytes its size
	 * @param files 1 for a file, the files it holds for a directory
	 * @param match the catalogue entry it matched (such as
	 * {@code Tomcat work directory}), empty when it matched none
	 * @param status {@code deleted}; {@code delete-at-exit} (matched, to be deleted once
	 * the application contexts close, at the end of the JVM); {@code delete-failed}; or
	 * {@code left} (matched nothing: left by start-up, not deleted)
	 * @param note why the deletion failed, or more on the status; possibly empty
	 * @param context the id of the context whose start made it, empty when unknown
	 */
	public record Leftover(long fork, String path, long bytes, long files, String match, String status, String note,
			String context) {

		public Leftover {
			match = Objects.requireNonNullElse(match, "");
			note = Objects.requireNonNullElse(note, "");
			context = Objects.requireNonNullElse(context, "");
		}

		/** Whether it is still there: matching nothing, or its deletion failed. */
		public boolean left() {
			Status status = Status.of(this.status);
			return status == Status.LEFT || status == Status.DELETE_FAILED;
		}

		/** What became of a framework leftover. */
		public enum Status {

			/** It matched the catalogue and was deleted. */
			DELETED,

			/**
			 * It matched the catalogue and is deleted at the end of the JVM, once the
			 * application contexts that use it have closed.
			 */
			DELETE_AT_EXIT,

			/** It matched the catalogue, and deleting it failed. */
			DELETE_FAILED,

			/** It matched nothing in the catalogue: left by start-up, not deleted. */
			LEFT;

			/** The status as report.json writes it. */
			public String json() {
				return name().toLowerCase(Locale.ROOT).replace('_', '-');
			}

			/**
			 * The status report.json writes as {@code json}; {@link #LEFT} if unknown.
			 */
			static Status of(String json) {
				for (Status status : values()) {
					if (status.json().equals(json)) {
						return status;
					}
				}
				return LEFT;
			}

		}

	}

}
