package dev.tempguard.internal.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tempguard.internal.support.Formats;

/**
 * Renders a report as one self-contained HTML page: inline CSS and vanilla JavaScript,
 * nothing loaded from the network. It shows the totals and the forks covered, a bar chart
 * of files per test class, a table with a row per test context (sortable by clicking a
 * header, rows with leaks highlighted), and the leaked and kept paths. Every value from
 * the report is HTML-escaped.
 */
public final class HtmlReport {

	/** Classes shown in the chart at most. */
	static final int CHART_CLASSES = 25;

	private static final String CSS = """
			:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --bar: #3b82c4;
			  --leak: #c62828; --leak-bg: #fdecea; --warn-bg: #fff8e1; }
			* { box-sizing: border-box; }
			body { margin: 0; padding: 20px 28px 40px; color: var(--fg); background: #fff;
			  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
			h1 { font-size: 22px; margin: 0 0 4px; }
			h2 { font-size: 16px; margin: 28px 0 8px; }
			.meta, .hint { color: var(--muted); margin: 0 0 12px; }
			.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
			.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; background: var(--bg); }
			.card .value { font-size: 22px; font-weight: 600; display: block; }
			.card .label { color: var(--muted); font-size: 12px; }
			.card.bad { border-color: var(--leak); background: var(--leak-bg); }
			.card.bad .value { color: var(--leak); }
			table { border-collapse: collapse; width: 100%; }
			th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
			th { background: var(--bg); font-weight: 600; white-space: nowrap; }
			td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
			table.sortable th { cursor: pointer; user-select: none; }
			table.sortable th::after { content: " \\2195"; color: #aab; }
			table.sortable th[aria-sort=ascending]::after { content: " \\25B2"; color: var(--fg); }
			table.sortable th[aria-sort=descending]::after { content: " \\25BC"; color: var(--fg); }
			tr.leak td { background: var(--leak-bg); }
			tr.leak td.leaks { color: var(--leak); font-weight: 700; }
			td.failed { color: var(--leak); }
			.scroll { overflow-x: auto; }
			.kind { color: var(--muted); }
			.path { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
			table.forks { width: auto; }
			svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--fg); }
			svg rect.bar { fill: var(--bar); }
			svg rect.bar.leak { fill: var(--leak); }
			svg text.value { fill: var(--muted); }
			.empty { color: var(--muted); font-style: italic; }
			""";

	private static final String SCRIPT = """
			(function () {
			  var table = document.getElementById('tests');
			  if (!table || !table.tBodies.length) { return; }
			  var body = table.tBodies[0];
			  var headers = table.tHead.rows[0].cells;
			  function value(row, index, numeric) {
			    var cell = row.cells[index];
			    var raw = cell.hasAttribute('data-value') ? cell.getAttribute('data-value') : cell.textContent;
			    return numeric ? parseFloat(raw) : raw.toLowerCase();
			  }
			  function sort(index, direction) {
			    var numeric = headers[index].getAttribute('data-type') === 'num';
			    var rows = Array.prototype.slice.call(body.rows);
			    rows.sort(function (a, b) {
			      var x = value(a, index, numeric), y = value(b, index, numeric);
			      var c = numeric ? x - y : (x < y ? -1 : (x > y ? 1 : 0));
			      if (direction === 'desc') { c = -c; }
			      return c !== 0 ? c : a.getAttribute('data-order') - b.getAttribute('data-order');
			    });
			    rows.forEach(function (row) { body.appendChild(row); });
			    for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute('aria-sort'); }
			    headers[index].setAttribute('aria-sort', direction === 'asc' ? 'ascending' : 'descending');
			    table.setAttribute('data-sorted', headers[index].getAttribute('data-key') + '-' + direction);
			  }
			  Array.prototype.forEach.call(headers, function (header, index) {
			    header.tabIndex = 0;
			    function click() {
			      var current = header.getAttribute('aria-sort');
			      var direction = current === 'descending' ? 'asc' : (current === 'ascending' ? 'desc'
			          : (header.getAttribute('data-type') === 'num' ? 'desc' : 'asc'));
			      sort(index, direction);
			    }
			    header.addEventListener('click', click);
			    header.addEventListener('keydown', function (event) {
			      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); click(); }
			    });
			  });
			  var wanted = /sort=([a-z]+)-(asc|desc)/.exec(window.location.hash);
			  if (wanted) {
			    Array.prototype.forEach.call(headers, function (header, index) {
			      if (header.getAttribute('data-key') === wanted[1]) { sort(index, wanted[2]); }
			    });
			  }
			})();
			""";

	private HtmlReport() {
	}

	/** The page of {@code report}. */
	public static String render(RunReport report) {
		StringBuilder html = new StringBuilder(16_384);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>tempguard report</title>\n<style>\n")
			.append(CSS)
			.append("</style>\n</head>\n<body>\n");
		header(report, html);
		chart(report, html);
		tests(report, html);
		leaks(report, html);
		kept(report, html);
		html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void header(RunReport report, StringBuilder html) {
		RunReport.Totals totals = report.totals();
		int forks = report.forks().size();
		html.append("<header>\n<h1>tempguard report</h1>\n<p class=\"meta\">")
			.append(forks)
			.append((forks == 1) ? " fork" : " forks")
			.append(", ")
			.append(report.tests().size())
			.append(" test contexts; generated ")
			.append(escape(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
			.append("</p>\n<div class=\"totals\" id=\"totals\">\n");
		long leaked = totals.leaked() + totals.untrackedLeaks();
		card(html, "tests", totals.testsGuarded(), "tests guarded", false);
		card(html, "created", totals.created(), "paths created", false);
		card(html, "deleted", totals.deleted(), "deleted", false);
		card(html, "leaked", leaked,
				"leaked" + ((totals.untrackedLeaks() > 0) ? " (" + totals.untrackedLeaks() + " untracked)" : ""),
				leaked > 0);
		card(html, "kept", totals.kept(), "kept on failure", false);
		card(html, "failures", totals.cleanupFailures(), "cleanup failures", totals.cleanupFailures() > 0);
		card(html, "cleanup", totals.cleanupMillis(), "ms cleaning", false);
		html.append("</div>\n<table class=\"forks\" id=\"forks\">\n<caption class=\"hint\" style=\"text-align:left\">")
			.append("Forks covered</caption>\n<thead><tr><th>pid</th><th>parent</th><th>host</th><th>start</th>")
			.append("<th>end</th><th class=\"num\">contexts</th></tr></thead>\n<tbody>\n");
		for (RunReport.Fork fork : report.forks()) {
			long contexts = report.tests().stream().filter((test) -> test.fork() == fork.pid()).count();
			html.append("<tr><td>")
				.append(fork.pid())
				.append("</td><td>")
				.append((fork.parentPid() != null) ? fork.parentPid().toString() : "unknown")
				.append("</td><td>")
				.append(escape(fork.host()))
				.append("</td><td>")
				.append(escape(fork.start()))
				.append("</td><td>")
				.append(escape(fork.end()))
				.append("</td><td class=\"num\">")
				.append(contexts)
				.append("</td></tr>\n");
		}
		html.append("</tbody>\n</table>\n</header>\n");
	}

	private static void card(StringBuilder html, String id, long value, String label, boolean bad) {
		html.append("<div class=\"card")
			.append(bad ? " bad" : "")
			.append("\" id=\"total-")
			.append(id)
			.append("\"><span class=\"value\">")
			.append(value)
			.append("</span><span class=\"label\">")
			.append(escape(label))
			.append("</span></div>\n");
	}

	// an SVG bar chart of the files each test class tracked, most first
	private static void chart(RunReport report, StringBuilder html) {
		Map<String, long[]> classes = new LinkedHashMap<>();
		for (RunReport.TestEntry test : report.tests()) {
			long[] figures = classes.computeIfAbsent(test.testClass().isEmpty() ? "(run)" : test.testClass(),
					(name) -> new long[2]);
			figures[0] += test.files();
			figures[1] += test.leaks().size();
		}
		List<Map.Entry<String, long[]>> bars = new ArrayList<>(classes.entrySet());
		bars.removeIf((entry) -> entry.getValue()[0] == 0 && entry.getValue()[1] == 0);
		bars.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[0])
			.reversed()
			.thenComparing(Map.Entry::getKey));
		html.append("<section>\n<h2>Files per test class</h2>\n");
		if (bars.isEmpty()) {
			html.append("<p class=\"empty\">No test created temporary files.</p>\n</section>\n");
			return;
		}
		int shown = Math.min(bars.size(), CHART_CLASSES);
		long max = Math.max(1, bars.get(0).getValue()[0]);
		int labelWidth = 300;
		int barWidth = 520;
		int row = 24;
		int width = labelWidth + barWidth + 90;
		int height = shown * row + 8;
		html.append("<svg id=\"chart\" role=\"img\" aria-label=\"files per test class\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
		for (int i = 0; i < shown; i++) {
			String name = bars.get(i).getKey();
			long files = bars.get(i).getValue()[0];
			long leaks = bars.get(i).getValue()[1];
			int y = i * row + 4;
			long length = Math.max((files > 0) ? 2 : 0, Math.round((double) files / max * barWidth));
			html.append("<g class=\"bar-row\" data-class=\"")
				.append(escape(name))
				.append("\" data-files=\"")
				.append(files)
				.append("\"><title>")
				.append(escape(name))
				.append(": ")
				.append(files)
				.append((files == 1) ? " file" : " files")
				.append((leaks > 0) ? ", " + leaks + ((leaks == 1) ? " leak" : " leaks") : "")
				.append("</title>\n<text x=\"")
				.append(labelWidth - 8)
				.append("\" y=\"")
				.append(y + 15)
				.append("\" text-anchor=\"end\">")
				.append(escape(shorten(simpleName(name), 42)))
				.append("</text><rect class=\"bar")
				.append((leaks > 0) ? " leak" : "")
				.append("\" x=\"")
				.append(labelWidth)
				.append("\" y=\"")
				.append(y + 2)
				.append("\" width=\"")
				.append(length)
				.append("\" height=\"")
				.append(row - 6)
				.append("\" rx=\"2\"></rect><text class=\"value\" x=\"")
				.append(labelWidth + length + 6)
				.append("\" y=\"")
				.append(y + 15)
				.append("\">")
				.append(files)
				.append((leaks > 0) ? " (" + leaks + ((leaks == 1) ? " leak)" : " leaks)") : "")
				.append("</text></g>\n");
		}
		html.append("</svg>\n");
		if (bars.size() > shown) {
			html.append("<p class=\"hint\">and ")
				.append(bars.size() - shown)
				.append(" more classes, in the table below</p>\n");
		}
		html.append("</section>\n");
	}

	private static void tests(RunReport report, StringBuilder html) {
		html.append("<section>\n<h2>Tests</h2>\n<p class=\"hint\">One row per test context; click a column header")
			.append(" to sort. Rows with leaks are highlighted.</p>\n");
		if (report.tests().isEmpty()) {
			html.append("<p class=\"empty\">No test context was cleaned.</p>\n</section>\n");
			return;
		}
		html.append("<div class=\"scroll\">\n<table id=\"tests\" class=\"sortable\">\n<thead><tr>")
			.append("<th data-key=\"test\" data-type=\"text\">test</th>")
			.append("<th data-key=\"class\" data-type=\"text\">class</th>")
			.append("<th data-key=\"kind\" data-type=\"text\">kind</th>")
			.append("<th data-key=\"outcome\" data-type=\"text\">outcome</th>")
			.append("<th data-key=\"files\" data-type=\"num\" class=\"num\">files</th>")
			.append("<th data-key=\"bytes\" data-type=\"num\" class=\"num\">bytes</th>")
			.append("<th data-key=\"leaks\" data-type=\"num\" class=\"num\">leaks</th>")
			.append("<th data-key=\"cleanup\" data-type=\"num\" class=\"num\">cleanup ms</th>")
			.append("</tr></thead>\n<tbody>\n");
		// leaks first, then the most files: what a reader looks for
		List<RunReport.TestEntry> tests = new ArrayList<>(report.tests());
		tests.removeIf(HtmlReport::nothingToShow);
		tests.sort(Comparator.comparingInt((RunReport.TestEntry test) -> test.leaks().size())
			.thenComparingInt(RunReport.TestEntry::files)
			.reversed());
		int order = 0;
		for (RunReport.TestEntry test : tests) {
			boolean leak = !test.leaks().isEmpty();
			html.append("<tr data-order=\"")
				.append(order++)
				.append("\" data-context=\"")
				.append(escape(test.context()))
				.append('"')
				.append(leak ? " class=\"leak\"" : "")
				.append("><td title=\"")
				.append(escape(test.context()))
				.append("\">")
				.append(escape(testName(test)))
				.append("</td><td title=\"")
				.append(escape(test.testClass()))
				.append("\" data-value=\"")
				.append(escape(test.testClass()))
				.append("\">")
				.append(escape(simpleName(test.testClass())))
				.append("</td><td class=\"kind\">")
				.append(escape(test.kind()))
				.append("</td><td")
				.append(test.failed() ? " class=\"failed\"" : "")
				.append('>')
				.append(escape(test.outcome()))
				.append("</td><td class=\"num files\">")
				.append(test.files())
				.append("</td><td class=\"num bytes\" data-value=\"")
				.append(test.bytes())
				.append("\" title=\"")
				.append(test.bytes())
				.append(" bytes\">")
				.append(Formats.bytes(test.bytes()))
				.append("</td><td class=\"num leaks\"")
				.append(leak ? " title=\"" + escape(leakTitle(test)).replace("\n", "&#10;") + "\"" : "")
				.append('>')
				.append(test.leaks().size())
				.append("</td><td class=\"num cleanup\" data-value=\"")
				.append(test.cleanupNanos())
				.append("\">")
				.append(String.format(Locale.ROOT, "%.1f", test.cleanupMillis()))
				.append("</td></tr>\n");
		}
		html.append("</tbody>\n</table>\n</div>\n");
		long hidden = report.tests().stream().filter(HtmlReport::nothingToShow).count();
		if (hidden > 0) {
			html.append("<p class=\"hint\" id=\"hidden\" style=\"margin-top:6px\">")
				.append(hidden)
				.append((hidden == 1) ? " class or run context" : " class and run contexts")
				.append(" without files, leaks or kept paths not shown (they are in report.json).</p>\n");
		}
		html.append("</section>\n");
	}

	// a class's or the run's context that tracked nothing: a row of zeros
	private static boolean nothingToShow(RunReport.TestEntry test) {
		return !"method".equals(test.kind()) && test.files() == 0 && test.leaks().isEmpty() && test.kept().isEmpty();
	}

	private static void leaks(RunReport report, StringBuilder html) {
		html.append("<section>\n<h2>Leaks</h2>\n");
		if (report.tests().stream().allMatch((test) -> test.leaks().isEmpty())) {
			html.append("<p class=\"empty\" id=\"no-leaks\">No test leaked a temporary path.</p>\n</section>\n");
			return;
		}
		html.append("<table id=\"leaks\">\n<thead><tr><th>test</th><th>path</th><th>why</th>")
			.append("<th class=\"num\">files</th><th class=\"num\">bytes</th></tr></thead>\n<tbody>\n");
		for (RunReport.TestEntry test : report.tests()) {
			for (RunReport.LeakEntry leak : test.leaks()) {
				html.append("<tr class=\"leak\"><td>")
					.append(escape(test.context()))
					.append("</td><td class=\"path\" title=\"")
					.append(escape(leak.description()))
					.append("\">")
					.append(escape(leak.path()))
					.append("</td><td>")
					.append("UNTRACKED".equals(leak.reason()) ? "created without the registry, not deleted"
							: "could not be deleted")
					.append("</td><td class=\"num\">")
					.append(leak.files())
					.append("</td><td class=\"num\">")
					.append(Formats.bytes(leak.bytes()))
					.append("</td></tr>\n");
			}
		}
		html.append("</tbody>\n</table>\n</section>\n");
	}

	private static void kept(RunReport report, StringBuilder html) {
		if (report.tests().stream().allMatch((test) -> test.kept().isEmpty())) {
			return;
		}
		html.append("<section>\n<h2>Kept after failed tests</h2>\n<table id=\"kept\">\n")
			.append("<thead><tr><th>test</th><th>path</th></tr></thead>\n<tbody>\n");
		for (RunReport.TestEntry test : report.tests()) {
			for (String path : test.kept()) {
				html.append("<tr><td>")
					.append(escape(test.context()))
					.append("</td><td class=\"path\">")
					.append(escape(path))
					.append("</td></tr>\n");
			}
		}
		html.append("</tbody>\n</table>\n</section>\n");
	}

	// the method and invocation of a method's context, else what the context stands for
	private static String testName(RunReport.TestEntry test) {
		int hash = test.context().indexOf('#');
		if (hash >= 0) {
			return test.context().substring(hash + 1);
		}
		if ("class".equals(test.kind())) {
			return "(class)";
		}
		return "(" + test.context() + ")";
	}

	private static String leakTitle(RunReport.TestEntry test) {
		StringBuilder title = new StringBuilder();
		for (RunReport.LeakEntry leak : test.leaks()) {
			if (title.length() > 0) {
				title.append('\n');
			}
			title.append(leak.description());
		}
		return title.toString();
	}

	private static String simpleName(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1) : name;
	}

	private static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "\u2026";
	}

	/**
	 * {@code text} with {@code & < > " '} replaced by entities, for element content and
	 * attribute values.
	 */
	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '&' -> escaped.append("&amp;");
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
