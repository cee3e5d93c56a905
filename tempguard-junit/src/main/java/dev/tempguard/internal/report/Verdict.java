package dev.tempguard.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The verdict of a run in one line, the same on the page and in the console: clean, or
 * how many leaks in how many tests by kind (and by disposition when a leak was allowed or
 * known), the paths kept, the cleanup failures and the framework leftovers.
 */
final class Verdict {

	private Verdict() {
	}

	/**
	 * For example {@code Clean: 232 tests guarded, nothing leaked, nothing kept, no
	 * cleanup failures, no framework leftovers}, or {@code 2 leaks in 1 test (1
	 * undeletable, 1 untracked); 1 path kept; no cleanup failures; no framework
	 * leftovers}.
	 */
	static String line(RunReport report) {
		RunReport.Findings findings = report.findings();
		RunReport.Totals totals = report.totals();
		List<String> parts = new ArrayList<>();
		parts.add(leaks(findings));
		parts.add((totals.kept() == 0) ? "nothing kept" : count(totals.kept(), "path") + " kept after failed tests");
		parts.add((totals.cleanupFailures() == 0) ? "no cleanup failures"
				: count(totals.cleanupFailures(), "cleanup failure"));
		parts.add(leftovers(findings));
		if (findings.fixed() > 0) {
			parts.add(count(findings.fixed(), "baseline entry", "baseline entries") + " fixed");
		}
		if (findings.clean()) {
			return "Clean: " + count(totals.testsGuarded(), "test") + " guarded, " + String.join(", ", parts);
		}
		return String.join("; ", parts);
	}

	private static String leaks(RunReport.Findings findings) {
		if (findings.leaks() == 0) {
			return "nothing leaked";
		}
		StringJoiner kinds = new StringJoiner(", ", " (", ")");
		kind(kinds, findings.undeletable(), "undeletable");
		kind(kinds, findings.untracked(), "untracked");
		kind(kinds, findings.late(), "late");
		kind(kinds, findings.ambiguous(), "ambiguous");
		String line = count(findings.leaks(), "leak") + " in " + count(findings.leakingTests(), "test") + kinds;
		if (findings.allowed() > 0 || findings.known() > 0) {
			line += ": " + findings.newLeaks() + " new, " + findings.allowed() + " allowed, " + findings.known()
					+ " known";
		}
		return line;
	}

	private static String leftovers(RunReport.Findings findings) {
		if (findings.leftovers() == 0) {
			return "no framework leftovers";
		}
		String line = count(findings.leftovers(), "framework leftover");
		if (findings.leftoversLeft() == 0) {
			return line + " (none left)";
		}
		return line + " (" + findings.leftoversLeft() + " left, not deleted)";
	}

	private static void kind(StringJoiner kinds, long count, String kind) {
		if (count > 0) {
			kinds.add(count + " " + kind);
		}
	}

	static String count(long count, String singular) {
		return count(count, singular, singular + "s");
	}

	static String count(long count, String singular, String plural) {
		return count + " " + ((count == 1) ? singular : plural);
	}

}
