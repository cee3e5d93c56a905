package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.stats.Counters;

/**
 * The report of a test run, as written to JSON ({@code report.json}, documented field by
 * field in docs/report.md): the forks it covers, their totals, what a reader looks for
 * first, one entry per cleaned test context, the framework leftovers, the baseline
 * entries no longer seen, and the totals of earlier builds. A fork writes one covering
 * itself; merging those of every fork of a build gives the build's.
 * <p>
 * Version 2 only adds to version 1: a reader of version 1 finds every field it knows,
 * with the same meaning. Reading a version 1 file gives the added fields their empty
 * values.
 *
 * @param version the format's version
 * @param forks the test JVMs covered
 * @param totals their counts, added up
 * @param findings what the verdict says, counted from the entries
 * @param tests one entry per cleaned test context, in the order they were cleaned, fork
 * after fork
 * @param leftovers what appeared while application contexts started, fork after fork
 * @param fixed baseline entries that no fork saw
 * @param history the totals of earlier builds and this one, oldest first; empty without
 * {@code tempguard.report.history-dir}
 */
public record RunReport(int version, List<Fork> forks, Totals totals, Findings findings, List<TestEntry> tests,
		List<Leftover> leftovers, List<Fixed> fixed, List<Build> history) {

	/** The current format. */
	public static final int VERSION = 2;

	public RunReport {
		forks = copy(forks);
		tests = copy(tests);
		leftovers = copy(leftovers);
		fixed = copy(fixed);
		history = copy(history);
		// derived from the rest: absent from a version 1 file
		if (findings == null) {
			findings = Findings.of(totals, tests, leftovers, fixed);
		}
	}

	/** A report without leftovers, fixed entries or history. */
	public RunReport(int version, List<Fork> forks, Totals totals, List<TestEntry> tests) {
		this(version, forks, totals, Findings.of(totals, tests, List.of(), List.of()), tests, List.of(), List.of(),
				List.of());
	}

	/**
	 * The report of this fork: what {@code recorder} recorded and what {@code counters}
	 * counted.
	 */
	public static RunReport of(Fork fork, RunRecorder recorder, Counters counters) {
		List<TestEntry> tests = recorder.records().stream().map((record) -> TestEntry.of(fork.pid(), record)).toList();
		List<Leftover> leftovers = recorder.leftovers()
			.stream()
			.map((leftover) -> leftover.inFork(fork.pid()))
			.toList();
		Totals totals = Totals.of(counters);
		List<Fixed> fixed = recorder.fixed();
		return new RunReport(VERSION, List.of(fork), totals, Findings.of(totals, tests, leftovers, fixed), tests,
				leftovers, fixed, List.of());
	}

	/**
	 * One report covering all of {@code reports}: their forks, their totals added up,
	 * their entries and leftovers; the baseline entries that none of them saw (an entry
	 * one fork did not see may be a known leak of another); and their histories, one
	 * entry per build (the entries of one build in several reports, such as the modules
	 * of one Maven run, added up), at most as many as the longest of them.
	 */
	public static RunReport merge(List<RunReport> reports) {
		List<Fork> forks = new ArrayList<>();
		List<TestEntry> tests = new ArrayList<>();
		List<Leftover> leftovers = new ArrayList<>();
		Map<String, Fixed> fixed = new LinkedHashMap<>();
		Totals totals = Totals.NONE;
		for (RunReport report : reports) {
			forks.addAll(report.forks());
			tests.addAll(report.tests());
			leftovers.addAll(report.leftovers());
			report.fixed().forEach((entry) -> fixed.putIfAbsent(entry.key(), entry));
			totals = totals.plus(report.totals());
		}
		Set<String> seen = new HashSet<>();
		tests.forEach((test) -> test.leaks().forEach((leak) -> seen.add(leak.disposition().baselineKey())));
		fixed.keySet().removeAll(seen);
		List<Fixed> stillFixed = List.copyOf(fixed.values());
		return new RunReport(VERSION, forks, totals, Findings.of(totals, tests, leftovers, stillFixed), tests,
				leftovers, stillFixed, Build.merge(reports));
	}

	/** This report with {@code history} as its history. */
	public RunReport withHistory(List<Build> history) {
		return new RunReport(this.version, this.forks, this.totals, this.findings, this.tests, this.leftovers,
				this.fixed, history);
	}

	private static <T> List<T> copy(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
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
	 * @param parentStart when the parent process started, ISO-8601, telling a build from
	 * an earlier one whose parent had the same pid; {@code null} when unknown (and in
	 * version 1)
	 */
	public record Fork(long pid, @Nullable Long parentPid, String host, String start, String end,
			@Nullable String parentStart) {

		public Fork(long pid, @Nullable Long parentPid, String host, String start, String end) {
			this(pid, parentPid, host, start, end, null);
		}

		/** The epoch milliseconds of {@link #start}, 0 when it cannot be read. */
		public long startMillis() {
			return millis(this.start);
		}

		/** The epoch milliseconds of {@link #end}, 0 when it cannot be read. */
		public long endMillis() {
			return millis(this.end);
		}

		/**
		 * The build this fork belongs to, the same for every fork that the same process
		 * started: its host, parent pid and parent start; the fork itself when its parent
		 * is unknown.
		 */
		public String build() {
			if (this.parentPid == null) {
				return this.host + "/fork-" + this.pid + "@" + this.start;
			}
			return this.host + "/" + this.parentPid + "@" + ((this.parentStart != null) ? this.parentStart : "");
		}

		/**
		 * Whether this fork and {@code other} were started by the same process; a fork
		 * whose parent is unknown belongs to every build.
		 */
		boolean sameBuild(Fork other) {
			if (this.parentPid == null || other.parentPid == null) {
				return true;
			}
			return this.parentPid.equals(other.parentPid) && (this.parentStart == null || other.parentStart == null
					|| this.parentStart.equals(other.parentStart));
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
	 * What the verdict says, counted from the entries of the report.
	 *
	 * @param clean whether nothing leaked, nothing was kept, no deletion failed and no
	 * framework leftover was left
	 * @param leaks paths left behind (an ambiguous one once, whatever the number of tests
	 * it is reported against)
	 * @param leakingTests test contexts that left paths behind
	 * @param undeletable leaks of reason {@code UNDELETABLE}
	 * @param untracked of reason {@code UNTRACKED}
	 * @param late of reason {@code LATE}
	 * @param ambiguous of reason {@code AMBIGUOUS}
	 * @param newLeaks leaks neither allowed nor in the baseline
	 * @param allowed leaks of tests annotated {@code @AllowLeaks}
	 * @param known leaks in the baseline
	 * @param fixed baseline entries no longer seen
	 * @param leftovers framework leftovers
	 * @param leftoversLeft of those, the ones still there: matching nothing, or whose
	 * deletion failed
	 */
	public record Findings(boolean clean, long leaks, long leakingTests, long undeletable, long untracked, long late,
			long ambiguous, long newLeaks, long allowed, long known, long fixed, long leftovers, long leftoversLeft) {

		static Findings of(Totals totals, List<TestEntry> tests, List<Leftover> leftovers, List<Fixed> fixed) {
			long[] reasons = new long[4];
			long[] dispositions = new long[3];
			long leakingTests = 0;
			Set<String> ambiguous = new HashSet<>();
			for (TestEntry test : tests) {
				if (!test.leaks().isEmpty()) {
					leakingTests++;
				}
				for (LeakEntry leak : test.leaks()) {
					if (LeakEntry.AMBIGUOUS.equals(leak.reason()) && !ambiguous.add(leak.path())) {
						continue;
					}
					reasons[reasonIndex(leak.reason())]++;
					dispositions[dispositionIndex(leak.disposition().status())]++;
				}
			}
			long leaks = reasons[0] + reasons[1] + reasons[2] + reasons[3];
			long left = leftovers.stream().filter(Leftover::left).count();
			boolean clean = leaks == 0 && totals.kept() == 0 && totals.cleanupFailures() == 0 && left == 0;
			return new Findings(clean, leaks, leakingTests, reasons[0], reasons[1], reasons[2], reasons[3],
					dispositions[0], dispositions[1], dispositions[2], fixed.size(), leftovers.size(), left);
		}

		private static int reasonIndex(String reason) {
			return switch (reason) {
				case LeakEntry.UNDELETABLE -> 0;
				case LeakEntry.LATE -> 2;
				case LeakEntry.AMBIGUOUS -> 3;
				default -> 1;
			};
		}

		private static int dispositionIndex(String status) {
			return switch (status) {
				case Disposition.ALLOWED -> 1;
				case Disposition.KNOWN -> 2;
				default -> 0;
			};
		}

	}

	/**
	 * What one test context did with temporary files.
	 *
	 * @param fork the pid of the fork it ran in
	 * @param context the context's id ({@code <class>#<method>[<n>]} for a test method)
	 * @param displayName how JUnit names it for people, such as
	 * {@code ReportTests > values(String) > [1] "x"}; its id when JUnit gave none (and
	 * when read from version 1)
	 * @param testClass the test class's name, empty for the run
	 * @param kind {@code method}, {@code class}, {@code run}, or {@code tests} for a
	 * class's clean tests added up
	 * @param outcome {@code passed} or {@code failed}
	 * @param files paths it tracked when cleaned
	 * @param bytes their size
	 * @param leaks what it left behind
	 * @param kept paths kept on purpose (after a failed test)
	 * @param cleanupNanos time spent cleaning it
	 */
	public record TestEntry(long fork, String context, String displayName, String testClass, String kind,
			String outcome, int files, long bytes, List<LeakEntry> leaks, List<String> kept, long cleanupNanos) {

		public TestEntry {
			if (displayName == null || displayName.isEmpty()) {
				displayName = context;
			}
			leaks = copy(leaks);
			kept = copy(kept);
		}

		static TestEntry of(long fork, TestRecord record) {
			return new TestEntry(fork, record.context(), record.displayName(), record.testClass(), record.kind(),
					record.failed() ? "failed" : "passed", record.files(), record.bytes(),
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
	 * @param reason {@code UNDELETABLE}, {@code UNTRACKED}, {@code LATE} or
	 * {@code AMBIGUOUS} (a reader of version 1 knows the first two)
	 * @param bytes its size
	 * @param files 1 for a file, the files it holds for a directory
	 * @param description one line for a person, as in the leak's log line
	 * @param site where it was made, or why that is unknown; {@code null} for a path the
	 * registry tracked
	 * @param candidates for {@code AMBIGUOUS}, the ids of the tests one of which made it
	 * @param openState for {@code UNDELETABLE}, whether this JVM still held it open:
	 * {@code OPEN}, {@code NOT_OPEN} or {@code UNKNOWN}
	 * @param openedAt where it was opened, when this JVM held it open and the agent saw
	 * it; else {@code null}
	 * @param disposition whether it is new, allowed or known
	 */
	public record LeakEntry(String path, String reason, long bytes, long files, String description, @Nullable Site site,
			List<String> candidates, String openState, @Nullable Site openedAt, Disposition disposition) {

		static final String UNDELETABLE = "UNDELETABLE";

		static final String UNTRACKED = "UNTRACKED";

		static final String LATE = "LATE";

		static final String AMBIGUOUS = "AMBIGUOUS";

		public LeakEntry {
			candidates = copy(candidates);
			if (openState == null) {
				openState = Leak.OpenState.UNKNOWN.name();
			}
			if (disposition == null) {
				disposition = Disposition.NEW;
			}
		}

		/** A leak without a site, candidates, open state or disposition. */
		public LeakEntry(String path, String reason, long bytes, long files, String description) {
			this(path, reason, bytes, files, description, null, List.of(), Leak.OpenState.UNKNOWN.name(), null,
					Disposition.NEW);
		}

		static LeakEntry of(TestRecord.LeakRecord record) {
			Leak leak = record.leak();
			String testClass = testClassOf(leak.context());
			return new LeakEntry(leak.path().toString(), leak.reason().name(), leak.bytes(), leak.files(),
					leak.describe(), Site.of(leak), leak.candidates(), leak.openState().name(),
					Site.of(leak.openedAt(), testClass), record.disposition());
		}

		/** Whether it was made with the registry and could not be deleted. */
		public boolean undeletable() {
			return UNDELETABLE.equals(this.reason);
		}

		// the test class of a context id such as com.example.ReportTests#exports[1]
		private static @Nullable String testClassOf(String context) {
			if (context.isEmpty() || "run".equals(context)) {
				return null;
			}
			int hash = context.indexOf('#');
			return (hash >= 0) ? context.substring(0, hash) : context;
		}

	}

	/**
	 * Where a path was made, or a file opened.
	 *
	 * @param known whether the call stack is known
	 * @param unknownBecause why it is not, empty when it is
	 * @param thread the thread's name, empty when unknown
	 * @param frames the frames a person reads first: where it was made (the first frame
	 * outside the JDK and the frameworks) and the test line that led there
	 * @param stack the whole call stack, innermost first
	 */
	public record Site(boolean known, String unknownBecause, String thread, List<String> frames, List<String> stack) {

		public Site {
			unknownBecause = Objects.requireNonNullElse(unknownBecause, "");
			thread = Objects.requireNonNullElse(thread, "");
			frames = copy(frames);
			stack = copy(stack);
		}

		/**
		 * Where {@code leak} was made, as its entry in the report says; {@code null} for
		 * a path the registry tracked.
		 */
		public static @Nullable Site of(Leak leak) {
			return of(leak.site(), LeakEntry.testClassOf(leak.context()));
		}

		static @Nullable Site of(@Nullable CreationSite site, @Nullable String testClass) {
			if (site == null) {
				return null;
			}
			return new Site(site.known(), Objects.requireNonNullElse(site.unknownBecause(), ""), site.thread(),
					site.userFrames(testClass).stream().map(StackTraceElement::toString).toList(),
					site.stack().stream().map(StackTraceElement::toString).toList());
		}

		/**
		 * One line for a person: {@code made at <frame>, called from <frame>}, or why it
		 * is unknown.
		 * @param verb {@code made} or {@code opened}
		 */
		public String describe(String verb) {
			if (!this.known) {
				return "site unknown: " + this.unknownBecause;
			}
			if (this.frames.isEmpty()) {
				return verb + " by framework code" + (this.thread.isEmpty() ? "" : " on thread " + this.thread);
			}
			return verb + " at " + String.join(", called from ", this.frames);
		}

	}

	/**
	 * Whether a leak is new, allowed by {@code @AllowLeaks}, or known from the baseline.
	 *
	 * @param status {@code new}, {@code allowed} or {@code known}
	 * @param reason for {@code allowed}, the annotation's reason; else empty
	 * @param issue for {@code allowed}, the annotation's issue, possibly empty
	 * @param baselineKey for {@code known}, the key of its baseline entry; else empty
	 */
	public record Disposition(String status, String reason, String issue, String baselineKey) {

		static final String NEW_STATUS = "new";

		/** The status of a leak of a test annotated {@code @AllowLeaks}. */
		public static final String ALLOWED = "allowed";

		/** The status of a leak in the baseline. */
		public static final String KNOWN = "known";

		/** A leak neither allowed nor in the baseline. */
		public static final Disposition NEW = new Disposition(NEW_STATUS, "", "", "");

		public Disposition {
			status = (status == null || status.isEmpty()) ? NEW_STATUS : status.toLowerCase(Locale.ROOT);
			reason = Objects.requireNonNullElse(reason, "");
			issue = Objects.requireNonNullElse(issue, "");
			baselineKey = Objects.requireNonNullElse(baselineKey, "");
		}

		/** A leak of a test annotated {@code @AllowLeaks(reason, issue)}. */
		public static Disposition allowed(String reason, @Nullable String issue) {
			return new Disposition(ALLOWED, reason, Objects.requireNonNullElse(issue, ""), "");
		}

		/** A leak matching the baseline entry of {@code baselineKey}. */
		public static Disposition known(String baselineKey) {
			return new Disposition(KNOWN, "", "", baselineKey);
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

		Leftover inFork(long pid) {
			return new Leftover(pid, this.path, this.bytes, this.files, this.match, this.status, this.note,
					this.context);
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

	/**
	 * A baseline entry that no test matched in this run: the leak it stands for is fixed,
	 * and the entry can be removed from the baseline.
	 *
	 * @param key the entry's key in the baseline
	 * @param test the id of the test it names
	 * @param description one line for a person
	 */
	public record Fixed(String key, String test, String description) {

	}

	/**
	 * The totals of one build, for the trend.
	 *
	 * @param build which build: the host, the pid and start of the process that started
	 * its test JVMs (see {@link Fork#build()})
	 * @param end when its last fork ended, ISO-8601
	 * @param tests tests guarded
	 * @param leaks paths left behind
	 * @param newLeaks of those, neither allowed nor known
	 * @param files temporary paths created through the registry
	 * @param cleanupNanos time spent cleaning
	 * @param kept paths kept on purpose
	 * @param cleanupFailures paths whose deletion failed
	 * @param leftovers framework leftovers still there
	 */
	public record Build(String build, String end, long tests, long leaks, long newLeaks, long files, long cleanupNanos,
			long kept, long cleanupFailures, long leftovers) {

		/** The build of {@code report}, which covers the forks of one build. */
		static Build of(RunReport report) {
			String end = report.forks().stream().map(Fork::end).max(Comparator.naturalOrder()).orElse("");
			String build = report.forks().isEmpty() ? "" : report.forks().get(0).build();
			Findings findings = report.findings();
			Totals totals = report.totals();
			return new Build(build, end, totals.testsGuarded(), findings.leaks(), findings.newLeaks(), totals.created(),
					totals.cleanupNanos(), totals.kept(), totals.cleanupFailures(), findings.leftoversLeft());
		}

		/**
		 * {@code history} with {@code current} in place of the entry of the same build,
		 * else after them; the last {@code size}, oldest first.
		 */
		static List<Build> upsert(List<Build> history, Build current, int size) {
			List<Build> builds = new ArrayList<>(history);
			builds.removeIf((build) -> build.build().equals(current.build()));
			builds.add(current);
			builds.sort(Comparator.comparingLong(Build::endMillis));
			return List.copyOf(builds.subList(Math.max(0, builds.size() - size), builds.size()));
		}

		// one entry per build, those of one build in several reports added up
		static List<Build> merge(List<RunReport> reports) {
			Map<String, Build> builds = new LinkedHashMap<>();
			Set<Build> distinct = new LinkedHashSet<>();
			int size = 0;
			for (RunReport report : reports) {
				distinct.addAll(report.history());
				size = Math.max(size, report.history().size());
			}
			for (Build build : distinct) {
				builds.merge(build.build(), build, Build::plus);
			}
			List<Build> merged = new ArrayList<>(builds.values());
			merged.sort(Comparator.comparingLong(Build::endMillis));
			return List.copyOf(merged.subList(Math.max(0, merged.size() - size), merged.size()));
		}

		private Build plus(Build other) {
			return new Build(this.build, (this.end.compareTo(other.end) >= 0) ? this.end : other.end,
					this.tests + other.tests, this.leaks + other.leaks, this.newLeaks + other.newLeaks,
					this.files + other.files, this.cleanupNanos + other.cleanupNanos, this.kept + other.kept,
					this.cleanupFailures + other.cleanupFailures, this.leftovers + other.leftovers);
		}

		public long endMillis() {
			return millis(this.end);
		}

	}

	// the epoch milliseconds of an ISO-8601 instant, 0 when it cannot be read
	private static long millis(String instant) {
		try {
			return Instant.parse(instant).toEpochMilli();
		}
		catch (RuntimeException ex) {
			return 0;
		}
	}

}
