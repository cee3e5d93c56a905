package dev.tempguard.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tempguard.internal.support.Formats;

/**
 * The tests of a report as a table with a row per test class (its totals), each
 * expandable to its tests, shown by their JUnit display names with their context ids on
 * hover. Classes that leaked or failed come first, then those that made the most files;
 * the page's script sorts, expands and filters it.
 */
final class TestsTable {

	private static final Pattern ADDED_UP = Pattern.compile("^\\((\\d+) more clean tests");

	private static final Comparator<Row> ROWS = Comparator.comparingInt((Row row) -> row.test.leaks().size())
		.thenComparing(Row::failed)
		.thenComparingInt((Row row) -> row.test.files())
		.reversed();

	private static final Comparator<Group> GROUPS = Comparator.comparingLong((Group group) -> group.leaks)
		.thenComparingLong((Group group) -> group.failed)
		.thenComparingLong((Group group) -> group.files)
		.thenComparingLong((Group group) -> group.bytes)
		.reversed()
		.thenComparing((Group group) -> group.name.toLowerCase(Locale.ROOT));

	private TestsTable() {
	}

	static void render(RunReport report, StringBuilder html) {
		List<Group> groups = groups(report.tests());
		int tests = groups.stream().mapToInt((group) -> group.tests).sum();
		html.append("<section id=\"tests-section\">\n<h2>Tests</h2>\n");
		if (groups.isEmpty()) {
			html.append("<p class=\"empty\">No test context was cleaned.</p>\n</section>\n");
			return;
		}
		html.append("<div class=\"controls\"><input type=\"search\" id=\"filter\" placeholder=\"Filter by class or")
			.append(" test name\" aria-label=\"Filter by class or test name\" autocomplete=\"off\">")
			.append("<button type=\"button\" id=\"expand-all\">Expand all</button><span class=\"hint\" id=\"shown\">")
			.append(Verdict.count(groups.size(), "class", "classes"))
			.append(", ")
			.append(Verdict.count(tests, "test"))
			.append("</span></div>\n<table id=\"tests\" class=\"tests sortable\">\n<thead><tr>")
			.append("<th data-key=\"test\">test</th>")
			.append("<th data-key=\"outcome\" data-type=\"num\">outcome</th>")
			.append("<th data-key=\"files\" data-type=\"num\">files</th>")
			.append("<th data-key=\"bytes\" data-type=\"num\">bytes</th>")
			.append("<th data-key=\"leaks\" data-type=\"num\">leaks</th>")
			.append("<th data-key=\"cleanup\" data-type=\"num\">cleanup ms</th>")
			.append("</tr></thead>\n");
		for (Group group : groups) {
			group(group, html);
		}
		html.append("</table>\n");
		html.append("<p class=\"hint\">Click a class to see its tests, a column header to sort; hover a test for its")
			.append(" context id.</p>\n</section>\n");
	}

	private static void group(Group group, StringBuilder html) {
		html.append("<tbody class=\"g")
			.append((group.leaks > 0) ? " leak" : "")
			.append("\" data-class=\"")
			.append(HtmlReport.escape(group.testClass))
			.append("\">\n<tr class=\"c\"><td title=\"")
			.append(HtmlReport.escape(group.testClass.isEmpty() ? "the run" : group.testClass))
			.append("\"><button type=\"button\" class=\"toggle\" aria-expanded=\"false\">")
			.append(HtmlReport.escape(group.name))
			.append("</button> <span class=\"count\">")
			.append(Verdict.count(group.tests, "test"))
			.append("</span></td><td data-v=\"")
			.append(group.failed)
			.append('"')
			.append((group.failed > 0) ? " class=\"failed\">" + group.failed + " failed" : ">passed")
			.append("</td>");
		figures(html, group.files, group.bytes, group.leaks, group.cleanupNanos);
		html.append("</tr>\n");
		for (Row row : group.rows) {
			RunReport.TestEntry test = row.test;
			html.append("<tr class=\"t")
				.append(test.leaks().isEmpty() ? "" : " leak")
				.append("\" hidden><td title=\"")
				.append(HtmlReport.escape(test.context()))
				.append("\">")
				.append(HtmlReport.escape(row.name))
				.append("</td><td")
				.append(row.failed() ? " class=\"failed\">failed" : (row.method() ? ">passed" : ">"))
				.append("</td>");
			figures(html, test.files(), test.bytes(), test.leaks().size(), test.cleanupNanos());
			html.append("</tr>\n");
		}
		html.append("</tbody>\n");
	}

	private static void figures(StringBuilder html, long files, long bytes, long leaks, long cleanupNanos) {
		html.append("<td>")
			.append(files)
			.append("</td><td data-v=\"")
			.append(bytes)
			.append("\">")
			.append(Formats.bytes(bytes))
			.append("</td><td>")
			.append(leaks)
			.append("</td><td data-v=\"")
			.append(cleanupNanos)
			.append("\">")
			.append(String.format(Locale.ROOT, "%.1f", cleanupNanos / 1e6))
			.append("</td>");
	}

	// the classes with something to show, most notable first
	private static List<Group> groups(List<RunReport.TestEntry> tests) {
		Map<String, Group> groups = new LinkedHashMap<>();
		for (RunReport.TestEntry test : tests) {
			groups.computeIfAbsent(test.testClass(), Group::new).add(test);
		}
		List<Group> shown = new ArrayList<>();
		for (Group group : groups.values()) {
			group.finish();
			if (!group.rows.isEmpty()) {
				shown.add(group);
			}
		}
		shown.sort(GROUPS);
		return shown;
	}

	/**
	 * How a test is named inside its class's rows: its display name without the class's,
	 * else what its context stands for.
	 */
	static String rowName(RunReport.TestEntry test, String className) {
		String name = test.displayName();
		switch (test.kind()) {
			case "class":
				return "(class context: @BeforeAll, @AfterAll)";
			case "run":
				return "(the run, outside any test)";
			case "tests":
				return name;
			default:
		}
		if (name.equals(test.context())) {
			int hash = name.indexOf('#');
			return (hash >= 0) ? name.substring(hash + 1) : name;
		}
		String prefix = className + " > ";
		int at = name.lastIndexOf(prefix);
		if (at == 0 || (at > 0 && name.startsWith(" > ", at - 3))) {
			return name.substring(at + prefix.length());
		}
		return name;
	}

	/**
	 * The simple name of a class, with the names of the classes it is nested in; of a
	 * context id, the id without the package.
	 */
	static String simpleName(String name) {
		int hash = name.indexOf('#');
		int dot = name.lastIndexOf('.', (hash >= 0) ? hash : name.length());
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

	/** A test class and the rows it shows. */
	private static final class Group {

		final String testClass;

		String name;

		final List<Row> rows = new ArrayList<>();

		private final List<RunReport.TestEntry> entries = new ArrayList<>();

		int tests;

		long failed;

		long files;

		long bytes;

		long leaks;

		long cleanupNanos;

		Group(String testClass) {
			this.testClass = testClass;
			this.name = testClass.isEmpty() ? "(run)" : simpleName(testClass);
		}

		void add(RunReport.TestEntry test) {
			this.entries.add(test);
			this.files += test.files();
			this.bytes += test.bytes();
			this.leaks += test.leaks().size();
			this.cleanupNanos += test.cleanupNanos();
			switch (test.kind()) {
				case "method" -> {
					this.tests++;
					this.failed += test.failed() ? 1 : 0;
				}
				case "tests" -> {
					Matcher count = ADDED_UP.matcher(test.displayName());
					this.tests += count.find() ? Integer.parseInt(count.group(1)) : 0;
				}
				case "class" -> {
					if (!test.displayName().equals(test.context())) {
						this.name = test.displayName();
					}
				}
				default -> {
				}
			}
		}

		// names the rows once the class's display name is known; a class's or the run's
		// context that tracked nothing is no row
		void finish() {
			for (RunReport.TestEntry test : this.entries) {
				boolean context = "class".equals(test.kind()) || "run".equals(test.kind());
				if (!context || test.files() > 0 || !test.leaks().isEmpty() || !test.kept().isEmpty()) {
					this.rows.add(new Row(test, rowName(test, this.name)));
				}
			}
			this.rows.sort(ROWS);
		}

	}

	/**
	 * A test's row.
	 *
	 * @param test the test
	 * @param name how it is named in its class's rows
	 */
	private record Row(RunReport.TestEntry test, String name) {

		boolean method() {
			return "method".equals(this.test.kind());
		}

		// a class's context fails with any of its tests: that is the tests' outcome
		boolean failed() {
			return method() && this.test.failed();
		}

	}

}
