package dev.tempguard.internal.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import dev.tempguard.internal.support.Formats;

/**
 * The console summary of a fork's run: a first line of totals (the one the README
 * promises, starting with {@code [tempguard] } and saying how many tests were guarded),
 * then the verdict, the leaks by test, the paths kept after failed tests, the framework
 * leftovers and fixed baseline entries when there are any, the time spent cleaning, and
 * where the report is.
 */
public final class ConsoleSummary {

	/** Tests and paths listed at most, each list ending with how many more there are. */
	static final int TOP = 5;

	private static final String PREFIX = "[tempguard] ";

	private static final String INDENT = "[tempguard]   ";

	private static final String ITEM = "[tempguard]     ";

	private ConsoleSummary() {
	}

	/**
	 * One line: what the run created, deleted, leaked (tracked paths that could not be
	 * deleted, and entries left in watched directories without the registry) and kept.
	 */
	public static String firstLine(RunReport.Totals totals) {
		return String.format(Locale.ROOT,
				PREFIX + "%d tests guarded: %d temporary paths created, %d deleted, %d leaked, %d kept,"
						+ " %d cleanup failures, %d ms cleaning",
				totals.testsGuarded(), totals.created(), totals.deleted(), totals.leaked() + totals.untrackedLeaks(),
				totals.kept(), totals.cleanupFailures(), totals.cleanupMillis());
	}

	/**
	 * The summary of {@code report}, lines separated by {@code \n}; {@code where} tells
	 * where the report was written, or why it was not.
	 */
	/**
	 * A line of the summary for something the user should know about how the run was
	 * guarded.
	 */
	public static String note(String note) {
		return INDENT + "note: " + note;
	}

	public static String render(RunReport report, String where) {
		StringJoiner lines = new StringJoiner("\n");
		lines.add(firstLine(report.totals()));
		lines.add(INDENT + "verdict: " + Verdict.line(report));
		leaks(report, lines);
		kept(report, lines);
		leftovers(report, lines);
		fixed(report, lines);
		cleaning(report, lines);
		lines.add(INDENT + "report: " + where);
		return lines.toString();
	}

	private static void leaks(RunReport report, StringJoiner lines) {
		// what fails the build first: new leaks before known and allowed ones
		List<RunReport.TestEntry> leaking = report.tests()
			.stream()
			.filter((test) -> !test.leaks().isEmpty())
			.sorted(Comparator.comparingLong(ConsoleSummary::newLeaks)
				.thenComparingInt((RunReport.TestEntry test) -> test.leaks().size())
				.reversed()
				.thenComparing(RunReport.TestEntry::context))
			.toList();
		if (leaking.isEmpty()) {
			lines.add(INDENT + "leaks by test: none");
			return;
		}
		RunReport.Findings findings = report.findings();
		lines.add(INDENT + "leaks by test: " + Verdict.count(findings.leaks(), "path") + " in "
				+ Verdict.count(leaking.size(), "test") + " (" + findings.undeletable() + " undeletable, "
				+ findings.untracked() + " untracked, " + findings.late() + " late, " + findings.ambiguous()
				+ " ambiguous)");
		leaking.stream().limit(TOP).forEach((test) -> {
			RunReport.LeakEntry first = test.leaks()
				.stream()
				.filter(ConsoleSummary::isNew)
				.findFirst()
				.orElse(test.leaks().get(0));
			RunReport.Site site = first.site();
			lines.add(ITEM + String.format(Locale.ROOT, "%3d  ", test.leaks().size()) + test.displayName()
					+ dispositions(test) + "  e.g. " + first.path()
					+ ((site != null) ? "  (" + site.describe("made") + ")" : ""));
		});
		more(lines, leaking.size(), "tests");
	}

	private static boolean isNew(RunReport.LeakEntry leak) {
		return leak.disposition().status().equals(RunReport.Disposition.NEW.status());
	}

	private static long newLeaks(RunReport.TestEntry test) {
		return test.leaks().stream().filter(ConsoleSummary::isNew).count();
	}

	// said only when some of a test's leaks are not new
	private static String dispositions(RunReport.TestEntry test) {
		long allowed = test.leaks()
			.stream()
			.filter((leak) -> leak.disposition().status().equals(RunReport.Disposition.ALLOWED))
			.count();
		long known = test.leaks()
			.stream()
			.filter((leak) -> leak.disposition().status().equals(RunReport.Disposition.KNOWN))
			.count();
		if (allowed + known == 0) {
			return "";
		}
		StringJoiner kinds = new StringJoiner(", ", " (", ")");
		long fresh = test.leaks().size() - allowed - known;
		if (fresh > 0) {
			kinds.add(fresh + " new");
		}
		if (known > 0) {
			kinds.add(known + " known");
		}
		if (allowed > 0) {
			kinds.add(allowed + " allowed");
		}
		return kinds.toString();
	}

	private static void leftovers(RunReport report, StringJoiner lines) {
		List<RunReport.Leftover> leftovers = report.leftovers();
		if (leftovers.isEmpty()) {
			return;
		}
		long toDelete = leftovers.stream()
			.filter((leftover) -> RunReport.Leftover.Status.DELETE_AT_EXIT.json().equals(leftover.status()))
			.count();
		List<RunReport.Leftover> left = leftovers.stream().filter(RunReport.Leftover::left).toList();
		lines.add(INDENT + "framework leftovers: " + leftovers.size() + " made while application contexts started, "
				+ toDelete + " deleted once they close, " + left.size() + " left by start-up, not deleted");
		left.stream()
			.limit(TOP)
			.forEach((leftover) -> lines
				.add(ITEM + leftover.path() + "  (" + Formats.size(leftover.bytes(), leftover.files())
						+ (leftover.match().isEmpty() ? "" : ", " + leftover.match())
						+ (leftover.note().isEmpty() ? "" : "; " + leftover.note()) + ")"));
		more(lines, left.size(), "leftovers");
	}

	private static void fixed(RunReport report, StringJoiner lines) {
		if (report.fixed().isEmpty()) {
			return;
		}
		lines.add(INDENT + "fixed: " + Verdict.count(report.fixed().size(), "baseline entry", "baseline entries")
				+ " no longer seen, remove " + ((report.fixed().size() == 1) ? "it" : "them") + " from the baseline");
		report.fixed().stream().limit(TOP).forEach((fixed) -> lines.add(ITEM + fixed.key()));
		more(lines, report.fixed().size(), "entries");
	}

	private static void kept(RunReport report, StringJoiner lines) {
		List<String[]> kept = report.tests()
			.stream()
			.flatMap((test) -> test.kept().stream().map((path) -> new String[] { path, test.displayName() }))
			.toList();
		if (kept.isEmpty()) {
			lines.add(INDENT + "kept on failure: none");
			return;
		}
		lines.add(INDENT + "kept on failure: " + kept.size() + ((kept.size() == 1) ? " path" : " paths")
				+ " left for inspection");
		kept.stream().limit(TOP).forEach((entry) -> lines.add(ITEM + entry[0] + "  (" + entry[1] + ")"));
		more(lines, kept.size(), "paths");
	}

	private static void cleaning(RunReport report, StringJoiner lines) {
		String line = INDENT + "cleaning: " + report.totals().cleanupMillis() + " ms over " + report.tests().size()
				+ ((report.tests().size() == 1) ? " context" : " contexts");
		RunReport.TestEntry slowest = report.tests()
			.stream()
			.max(Comparator.comparingLong(RunReport.TestEntry::cleanupNanos))
			.orElse(null);
		if (slowest != null && slowest.cleanupNanos() > 0) {
			line += String.format(Locale.ROOT, "; slowest %s (%.1f ms)", slowest.displayName(),
					slowest.cleanupMillis());
		}
		lines.add(line);
	}

	private static void more(StringJoiner lines, int count, String what) {
		if (count > TOP) {
			lines.add(ITEM + "... and " + (count - TOP) + " more " + what + " (see the report)");
		}
	}

}
