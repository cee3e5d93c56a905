package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.jspecify.annotations.Nullable;

import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.stats.Counters;

/**
 * Keeps what the end-of-run report shows: a record of each cleaned test context, with
 * whether each leak is new, allowed or known; the framework leftovers of application
 * context start-ups; the baseline entries no longer seen; and the most recent leaks for
 * the endpoint.
 * <p>
 * What it keeps of tests is bounded, whatever the size of the suite: every test that
 * failed, leaked or kept files, every class and the run, and the {@value #LARGEST_TESTS}
 * clean tests that made the most files; the other clean tests of a class are added up
 * into one record of that class.
 * <p>
 * Who calls what: the end of a test context calls
 * {@link #record(Scope, ScopeCleanup, List, Function)}; the framework-leftover check
 * calls {@link #frameworkLeftover} for each entry a context start-up left (again with the
 * same path when its status changes); the baseline check calls {@link #fixed} for each
 * entry no test matched, before the run ends; the test adapters pass
 * {@code tempguard.report.history-*} through {@link #report(ReportSettings)}.
 */
public final class RunRecorder {

	static final int LARGEST_TESTS = 1_000;

	private static final int RECENT_LEAKS = 50;

	private static final Comparator<TestRecord> SIZE = Comparator.comparingInt(TestRecord::files)
		.thenComparingLong(TestRecord::bytes);

	private final Queue<TestRecord> notable = new ConcurrentLinkedQueue<>();

	// the largest clean tests, smallest first so that it is the one to give way
	private final PriorityQueue<TestRecord> largest = new PriorityQueue<>(SIZE);

	private final Map<String, Totals> others = new LinkedHashMap<>();

	private final Deque<Leak> recentLeaks = new ArrayDeque<>();

	private final Map<String, RunReport.Leftover> leftovers = new LinkedHashMap<>();

	private final Map<String, RunReport.Fixed> fixed = new LinkedHashMap<>();

	private volatile ReportSettings report = ReportSettings.UNSET;

	/**
	 * Records a cleaned context whose leaks are all new (no {@code @AllowLeaks}, no
	 * baseline).
	 * @param scope the context
	 * @param cleanup how it was cleaned, with its undeletable paths
	 * @param untracked what it left in watched directories without the registry
	 */
	public void record(Scope scope, ScopeCleanup cleanup, List<Leak> untracked) {
		record(scope, cleanup, untracked, (leak) -> RunReport.Disposition.NEW);
	}

	/**
	 * Records a cleaned context: its display name, figures and leaks, each with its
	 * disposition.
	 * @param scope the context
	 * @param cleanup how it was cleaned, with its undeletable paths
	 * @param untracked what it left in watched directories without the registry
	 * @param dispositions whether each of its leaks is new,
	 * {@link RunReport.Disposition#allowed allowed} or {@link RunReport.Disposition#known
	 * known}
	 */
	public void record(Scope scope, ScopeCleanup cleanup, List<Leak> untracked,
			Function<Leak, RunReport.Disposition> dispositions) {
		record(scope, cleanup, untracked, dispositions, false);
	}

	/**
	 * Records a cleaned context, as {@link #record(Scope, ScopeCleanup, List, Function)},
	 * failed also when {@code failedByTempguard}: tempguard fails it (for its leaks, or
	 * baseline entries that no longer happen) though its own code passed.
	 */
	public void record(Scope scope, ScopeCleanup cleanup, List<Leak> untracked,
			Function<Leak, RunReport.Disposition> dispositions, boolean failedByTempguard) {
		List<Leak> leaks = new ArrayList<>(cleanup.leaks());
		leaks.addAll(untracked);
		// most tests leak nothing: no stream to make for them
		List<TestRecord.LeakRecord> leakRecords = leaks.isEmpty() ? List.of()
				: leaks.stream()
					.map((leak) -> new TestRecord.LeakRecord(leak,
							Objects.requireNonNullElse(dispositions.apply(leak), RunReport.Disposition.NEW)))
					.toList();
		Class<?> testClass = scope.testClass();
		TestRecord record = new TestRecord(scope.id(), scope.displayName(),
				(testClass != null) ? testClass.getName() : "", scope.kind().label(),
				scope.failed() || failedByTempguard, cleanup.files(), cleanup.bytes(), leakRecords,
				cleanup.result().kept(), cleanup.duration().toNanos());
		if (scope.kind() != Scope.Kind.METHOD || record.failed() || !leaks.isEmpty() || !record.kept().isEmpty()) {
			this.notable.add(record);
		}
		else {
			synchronized (this.largest) {
				this.largest.add(record);
				if (this.largest.size() > LARGEST_TESTS) {
					TestRecord smallest = this.largest.poll();
					this.others.computeIfAbsent(smallest.testClass(), (name) -> new Totals()).add(smallest);
				}
			}
		}
		if (leaks.isEmpty()) {
			return;
		}
		synchronized (this.recentLeaks) {
			for (Leak leak : leaks) {
				if (this.recentLeaks.size() == RECENT_LEAKS) {
					this.recentLeaks.removeFirst();
				}
				this.recentLeaks.addLast(leak);
			}
		}
	}

	/**
	 * Records an entry that appeared while an application context started; a second call
	 * with the same path replaces the first (when it was deleted at last, for instance).
	 * @param path the entry
	 * @param bytes its size
	 * @param files 1 for a file, the files it holds for a directory
	 * @param match the catalogue entry it matched, such as {@code Tomcat work directory};
	 * {@code null} when none did
	 * @param status what became of it
	 * @param note why its deletion failed, or {@code null}
	 * @param startedBy the id of the test context whose application context's start made
	 * it, {@code null} when unknown
	 */
	public void frameworkLeftover(Path path, long bytes, long files, @Nullable String match,
			RunReport.Leftover.Status status, @Nullable String note, @Nullable String startedBy) {
		RunReport.Leftover leftover = new RunReport.Leftover(0, path.toString(), bytes, files,
				Objects.requireNonNullElse(match, ""), status.json(), Objects.requireNonNullElse(note, ""),
				Objects.requireNonNullElse(startedBy, ""));
		synchronized (this.leftovers) {
			this.leftovers.put(leftover.path(), leftover);
		}
	}

	/**
	 * Records a baseline entry that no test of this JVM matched; another fork may still
	 * match it, which the merged report takes into account. A second call with the same
	 * key replaces the first.
	 * @param key the entry's key in the baseline
	 * @param test the id of the test it names
	 * @param description one line for a person
	 */
	public void fixed(String key, String test, String description) {
		synchronized (this.fixed) {
			this.fixed.put(key, new RunReport.Fixed(key, test, description));
		}
	}

	/**
	 * How the run is reported: where, whether, and its history; the last settings given
	 * win.
	 */
	public void report(ReportSettings settings) {
		this.report = settings;
	}

	/** How the run is reported. */
	public ReportSettings report() {
		return this.report;
	}

	/**
	 * The records kept: the notable ones in the order their contexts were cleaned, then
	 * the largest clean tests, then one record per class adding up its other clean tests
	 * ({@code kind} {@code tests}).
	 */
	public List<TestRecord> records() {
		List<TestRecord> records = new ArrayList<>(this.notable);
		synchronized (this.largest) {
			records.addAll(this.largest);
			this.others.forEach((testClass, totals) -> records.add(totals.record(testClass)));
		}
		return records;
	}

	/** The framework leftovers, in the order they appeared. */
	public List<RunReport.Leftover> leftovers() {
		synchronized (this.leftovers) {
			return List.copyOf(this.leftovers.values());
		}
	}

	/** The baseline entries that no test of this JVM matched. */
	public List<RunReport.Fixed> fixed() {
		synchronized (this.fixed) {
			return List.copyOf(this.fixed.values());
		}
	}

	/**
	 * What the verdict of this JVM says so far: leaks by reason and by disposition, fixed
	 * baseline entries, framework leftovers.
	 */
	public RunReport.Findings findings(Counters counters) {
		List<RunReport.TestEntry> tests = this.notable.stream()
			.filter((record) -> !record.leaks().isEmpty())
			.map((record) -> RunReport.TestEntry.of(0, record))
			.toList();
		return RunReport.Findings.of(RunReport.Totals.of(counters), tests, leftovers(), fixed());
	}

	/** The most recent leaks, oldest first. */
	public List<Leak> recentLeaks() {
		synchronized (this.recentLeaks) {
			return List.copyOf(this.recentLeaks);
		}
	}

	/** The clean tests of a class that are not kept one by one, added up. */
	private static final class Totals {

		private int tests;

		private int files;

		private long bytes;

		private long cleanupNanos;

		void add(TestRecord record) {
			this.tests++;
			this.files += record.files();
			this.bytes += record.bytes();
			this.cleanupNanos += record.cleanupNanos();
		}

		TestRecord record(String testClass) {
			String name = "(" + this.tests + " more clean tests, added up)";
			return new TestRecord(testClass + "#" + name, name, testClass, "tests", false, this.files, this.bytes,
					List.of(), List.of(), this.cleanupNanos);
		}

	}

}
