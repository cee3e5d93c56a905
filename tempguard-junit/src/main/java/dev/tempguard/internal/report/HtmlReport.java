package dev.tempguard.internal.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import dev.tempguard.internal.support.Formats;

/**
 * Renders a report as one self-contained HTML page: inline CSS and vanilla JavaScript,
 * nothing loaded from the network. What a reader came to see comes first: the verdict,
 * the leaks (test, path, size, where it was made and, for an undeletable path, whether it
 * is still open), the framework leftovers, the kept paths, the largest producers and the
 * trend across builds; then the tests, a row per class expandable to its tests, with a
 * filter; then the forks covered. The layout has no horizontal overflow from 1,280 px
 * down to a phone's 390 px: names wrap, the table's columns collapse. Every value from
 * the report is HTML-escaped.
 */
public final class HtmlReport {

	/** Tests named in each list of largest producers. */
	static final int PRODUCERS = 5;

	private static final String CSS = """
			:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --accent: #3b82c4;
			  --leak: #c62828; --leak-bg: #fdecea; --ok: #1a7f37; --ok-bg: #e6f4ea; --warn-bg: #fff8e1; }
			* { box-sizing: border-box; }
			[hidden] { display: none !important; }
			body { margin: 0 auto; max-width: 1280px; padding: 16px 24px 40px; color: var(--fg); background: #fff;
			  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
			  overflow-wrap: anywhere; }
			h1 { font-size: 22px; margin: 0 0 2px; }
			h2 { font-size: 16px; margin: 24px 0 8px; }
			h3 { font-size: 13px; margin: 0 0 4px; color: var(--muted); font-weight: 600; }
			.meta, .hint { color: var(--muted); margin: 0 0 8px; }
			.verdict { font-size: 16px; font-weight: 600; padding: 10px 14px; border-radius: 6px; margin: 10px 0; }
			.verdict.clean { background: var(--ok-bg); color: var(--ok); }
			.verdict.bad { background: var(--leak-bg); color: var(--leak); }
			.totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0; }
			.card { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; background: var(--bg); }
			.card .value { font-size: 18px; font-weight: 600; display: block; }
			.card .label { color: var(--muted); font-size: 12px; }
			.card.bad { border-color: var(--leak); background: var(--leak-bg); }
			.card.bad .value { color: var(--leak); }
			ol.items, ul.items { list-style: none; padding: 0; margin: 0; }
			.items > li { border: 1px solid var(--line); border-left: 4px solid var(--leak); border-radius: 6px;
			  padding: 8px 12px; margin: 0 0 8px; background: #fff; }
			.items > li.allowed, .items > li.known, .items > li.fixed, .items > li.deleted { border-left-color: var(--muted); }
			.items > li.kept { border-left-color: var(--accent); }
			.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 6px; border-radius: 10px;
			  background: var(--leak-bg); color: var(--leak); margin-right: 4px; white-space: nowrap; }
			.badge.muted { background: var(--bg); color: var(--muted); border: 1px solid var(--line); }
			.test-name { font-weight: 600; }
			.path, .frames, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
			.path { display: block; margin: 2px 0; }
			.facts { color: var(--muted); margin: 2px 0 0; }
			.frames { color: var(--fg); }
			.producers { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 10px 20px; }
			.producers ol { margin: 0; padding-left: 20px; }
			.producers li { margin: 0 0 2px; }
			.producers .value { color: var(--muted); white-space: nowrap; }
			svg.trend { display: block; width: 100%; max-width: 600px; height: auto; }
			svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--fg); }
			svg text.axis, svg text.last { fill: var(--muted); }
			svg .bars rect { fill: var(--leak); }
			svg .line polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
			svg .line circle { fill: var(--accent); }
			svg line.base { stroke: var(--line); }
			svg rect.hover { fill: transparent; }
			svg rect.hover:hover { fill: rgba(59, 130, 196, 0.08); }
			.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 8px; }
			.controls input { flex: 1 1 220px; min-width: 0; max-width: 420px; font: inherit; padding: 5px 8px;
			  border: 1px solid var(--line); border-radius: 6px; }
			button { font: inherit; cursor: pointer; }
			.controls button { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
			table { border-collapse: collapse; width: 100%; }
			th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
			th { background: var(--bg); font-weight: 600; white-space: nowrap; }
			.tests td:nth-child(n+3), .tests th:nth-child(n+3) { text-align: right; font-variant-numeric: tabular-nums; }
			.tests td:first-child { width: 60%; }
			table.sortable th { cursor: pointer; user-select: none; }
			table.sortable th::after { content: " \\2195"; color: #aab; }
			table.sortable th[aria-sort=ascending]::after { content: " \\25B2"; color: var(--fg); }
			table.sortable th[aria-sort=descending]::after { content: " \\25BC"; color: var(--fg); }
			tr.c td { background: #fff; font-weight: 600; }
			tr.c .count { color: var(--muted); font-weight: 400; font-size: 12px; }
			tr.t td:first-child { padding-left: 30px; }
			.toggle { border: 0; background: none; padding: 0; font-weight: 600; text-align: left; color: var(--fg); }
			.toggle::before { content: "\\25B8"; display: inline-block; width: 16px; color: var(--muted); }
			.toggle[aria-expanded=true]::before { content: "\\25BE"; }
			tbody.leak tr.c td, tr.leak td { background: var(--leak-bg); }
			td.failed { color: var(--leak); }
			.empty { color: var(--muted); font-style: italic; }
			ul.forks { padding-left: 20px; color: var(--muted); margin: 0; }
			@media (max-width: 640px) {
			  body { padding: 12px 12px 32px; }
			  .totals { gap: 6px; }
			  .card { padding: 4px 8px; }
			  .card .value { font-size: 15px; }
			  .tests, .tests thead, .tests tbody, .tests tr, .tests td, .tests th { display: block; }
			  .tests thead tr { display: flex; flex-wrap: wrap; gap: 4px; padding: 0 0 6px; }
			  .tests th { border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; }
			  .tests tr { display: flex; flex-wrap: wrap; column-gap: 12px; border-bottom: 1px solid var(--line); padding: 6px 0; }
			  .tests td { border: 0; padding: 0; }
			  .tests td:first-child { flex: 1 1 100%; width: auto; }
			  tr.t td:first-child { padding-left: 16px; }
			  tr.t td:nth-child(2) { padding-left: 16px; }
			  .tests td:nth-child(3)::before { content: "files "; color: var(--muted); }
			  .tests td:nth-child(5)::before { content: "leaks "; color: var(--muted); }
			  .tests td:nth-child(6)::before { content: "cleanup "; color: var(--muted); }
			  .tests td:nth-child(6)::after { content: " ms"; }
			}
			""";

	private static final String SCRIPT = """
			(function () {
			  var table = document.getElementById('tests');
			  if (!table) { return; }
			  var headers = table.tHead.rows[0].cells;
			  var groups = Array.prototype.slice.call(table.tBodies);
			  groups.forEach(function (group, i) {
			    group.order = i;
			    group.head = group.rows[0];
			    group.head.order = i;
			    group.tests = Array.prototype.slice.call(group.rows, 1);
			    group.tests.forEach(function (row, j) { row.order = j; });
			    group.toggle = group.head.querySelector('.toggle');
			  });
			  var query = '';
			  function text(row) {
			    if (row.search === undefined) {
			      row.search = (row.cells[0].textContent + ' ' + row.cells[0].title).toLowerCase();
			    }
			    return row.search;
			  }
			  function expanded(group) { return group.toggle.getAttribute('aria-expanded') === 'true'; }
			  // a class that matches shows its tests when expanded; else only its tests that match show
			  function show(group) {
			    var classMatch = !query || text(group.head).indexOf(query) >= 0;
			    var any = classMatch;
			    group.tests.forEach(function (row) {
			      var visible = classMatch ? expanded(group) : text(row).indexOf(query) >= 0;
			      row.hidden = !visible;
			      any = any || visible;
			    });
			    group.hidden = !any;
			    return any;
			  }
			  var shown = document.getElementById('shown');
			  var total = shown ? shown.textContent : '';
			  function showAll() {
			    var count = 0;
			    groups.forEach(function (group) { if (show(group)) { count++; } });
			    if (shown) { shown.textContent = query ? count + ' of ' + groups.length + ' classes match' : total; }
			  }
			  groups.forEach(function (group) {
			    group.toggle.addEventListener('click', function () {
			      group.toggle.setAttribute('aria-expanded', expanded(group) ? 'false' : 'true');
			      show(group);
			    });
			  });
			  var all = document.getElementById('expand-all');
			  all.addEventListener('click', function () {
			    var open = all.textContent === 'Expand all';
			    groups.forEach(function (group) { group.toggle.setAttribute('aria-expanded', open ? 'true' : 'false'); });
			    all.textContent = open ? 'Collapse all' : 'Expand all';
			    showAll();
			  });
			  var filter = document.getElementById('filter');
			  filter.addEventListener('input', function () {
			    query = filter.value.trim().toLowerCase();
			    showAll();
			  });
			  function value(row, index, numeric) {
			    var cell = row.cells[index];
			    if (!numeric) { return cell.textContent.toLowerCase(); }
			    if (cell.hasAttribute('data-v')) { return parseFloat(cell.getAttribute('data-v')); }
			    var raw = cell.textContent;
			    return raw === 'failed' ? 1 : (raw === 'passed' ? 0 : parseFloat(raw));
			  }
			  function sort(index, direction) {
			    var numeric = headers[index].getAttribute('data-type') === 'num';
			    function compare(a, b) {
			      var x = value(a, index, numeric), y = value(b, index, numeric);
			      var c = numeric ? x - y : (x < y ? -1 : (x > y ? 1 : 0));
			      return (direction === 'desc' ? -c : c) || a.order - b.order;
			    }
			    groups.sort(function (a, b) { return compare(a.head, b.head); });
			    groups.forEach(function (group) {
			      group.tests.sort(compare);
			      group.tests.forEach(function (row) { group.appendChild(row); });
			      table.appendChild(group);
			    });
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
		StringBuilder html = new StringBuilder(16_384 + report.tests().size() * 256);
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>tempguard report</title>\n<style>\n")
			.append(CSS)
			.append("</style>\n</head>\n<body>\n");
		Map<String, String> names = new HashMap<>();
		report.tests().forEach((test) -> names.putIfAbsent(test.context(), test.displayName()));
		header(report, html);
		leaks(report, names, html);
		fixed(report, html);
		leftovers(report, names, html);
		kept(report, html);
		producers(report, html);
		trend(report, html);
		TestsTable.render(report, html);
		forks(report, html);
		html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void header(RunReport report, StringBuilder html) {
		RunReport.Totals totals = report.totals();
		RunReport.Findings findings = report.findings();
		html.append("<header>\n<h1>tempguard report</h1>\n<p class=\"meta\">")
			.append(Verdict.count(report.forks().size(), "fork"))
			.append(", ")
			.append(Verdict.count(report.tests().size(), "test context"))
			.append("; generated ")
			.append(escape(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()))
			.append("</p>\n</header>\n<p id=\"verdict\" class=\"verdict ")
			.append(findings.clean() ? "clean" : "bad")
			.append("\">")
			.append(escape(Verdict.line(report)))
			.append("</p>\n<div class=\"totals\" id=\"totals\">\n");
		card(html, "tests", totals.testsGuarded(), "tests guarded", false);
		card(html, "created", totals.created(), "paths created", false);
		card(html, "deleted", totals.deleted(), "deleted", false);
		card(html, "leaked", findings.leaks(), "leaked", findings.leaks() > 0);
		card(html, "kept", totals.kept(), "kept on failure", false);
		card(html, "failures", totals.cleanupFailures(), "cleanup failures", totals.cleanupFailures() > 0);
		card(html, "leftovers", findings.leftovers(), "framework leftovers", findings.leftoversLeft() > 0);
		card(html, "cleanup", totals.cleanupMillis(), "ms cleaning", false);
		html.append("</div>\n");
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

	// each leak with its test, path, size, kind, creation site and, for an undeletable
	// path, whether it is still open and where it was opened
	private static void leaks(RunReport report, Map<String, String> names, StringBuilder html) {
		if (report.findings().leaks() == 0) {
			return;
		}
		html.append("<section id=\"leaks-section\">\n<h2>Leaks</h2>\n<ol class=\"items\" id=\"leaks\">\n");
		for (RunReport.TestEntry test : leakingFirst(report.tests())) {
			for (RunReport.LeakEntry leak : test.leaks()) {
				RunReport.Disposition disposition = leak.disposition();
				html.append("<li class=\"leak ")
					.append(escape(disposition.status()))
					.append("\" data-reason=\"")
					.append(escape(leak.reason()))
					.append("\"><span class=\"badge\">")
					.append(escape(kind(leak.reason())))
					.append("</span>");
				if (!RunReport.Disposition.NEW_STATUS.equals(disposition.status())) {
					html.append("<span class=\"badge muted\">").append(escape(disposition.status())).append("</span>");
				}
				html.append("<span class=\"test-name\" title=\"")
					.append(escape(test.context()))
					.append("\">")
					.append(escape(label(test)))
					.append("</span>\n<span class=\"path\">")
					.append(escape(leak.path()))
					.append("</span>\n<div class=\"facts\">")
					.append(escape(Formats.size(leak.bytes(), leak.files())))
					.append("; ")
					.append(escape(why(leak, "run".equals(test.context()))))
					.append("</div>\n");
				site(html, leak);
				if (!leak.candidates().isEmpty()) {
					html.append("<div class=\"facts\">made by one of: ")
						.append(escape(String.join(", ",
								leak.candidates().stream().map((id) -> names.getOrDefault(id, id)).toList())))
						.append("</div>\n");
				}
				if (leak.undeletable()) {
					html.append("<div class=\"facts open\">").append(escape(openState(leak))).append("</div>\n");
				}
				if (RunReport.Disposition.ALLOWED.equals(disposition.status())) {
					html.append("<div class=\"facts\">allowed by @AllowLeaks: ")
						.append(escape(disposition.reason()))
						.append(disposition.issue().isEmpty() ? "" : " (" + escape(disposition.issue()) + ")")
						.append("</div>\n");
				}
				else if (RunReport.Disposition.KNOWN.equals(disposition.status())) {
					html.append("<div class=\"facts\">known: in the baseline as <code>")
						.append(escape(disposition.baselineKey()))
						.append("</code></div>\n");
				}
				html.append("</li>\n");
			}
		}
		html.append("</ol>\n</section>\n");
	}

	private static void site(StringBuilder html, RunReport.LeakEntry leak) {
		RunReport.Site site = leak.site();
		if (site == null) {
			if (!leak.undeletable()) {
				html.append("<div class=\"facts\">creation site unknown</div>\n");
			}
			return;
		}
		html.append("<div class=\"facts\">");
		if (site.known() && !site.frames().isEmpty()) {
			html.append("made at <span class=\"frames\">")
				.append(escape(String.join("\n", site.frames())).replace("\n", "<br>called from "))
				.append("</span>");
		}
		else {
			html.append(escape(site.describe("made")));
		}
		html.append("</div>\n");
	}

	private static List<RunReport.TestEntry> leakingFirst(List<RunReport.TestEntry> tests) {
		List<RunReport.TestEntry> leaking = new ArrayList<>(
				tests.stream().filter((test) -> !test.leaks().isEmpty()).toList());
		// new leaks first: those fail the build
		leaking.sort(Comparator.comparing((RunReport.TestEntry test) -> test.leaks()
			.stream()
			.noneMatch((leak) -> RunReport.Disposition.NEW_STATUS.equals(leak.disposition().status()))));
		return leaking;
	}

	private static String kind(String reason) {
		return switch (reason) {
			case RunReport.LeakEntry.UNDELETABLE -> "could not be deleted";
			case RunReport.LeakEntry.UNTRACKED -> "untracked";
			case RunReport.LeakEntry.LATE -> "made after its test";
			case RunReport.LeakEntry.AMBIGUOUS -> "ambiguous";
			default -> reason.toLowerCase(Locale.ROOT);
		};
	}

	private static String why(RunReport.LeakEntry leak, boolean ofTheRun) {
		return switch (leak.reason()) {
			case RunReport.LeakEntry.UNDELETABLE -> "tracked by the registry, and could not be deleted";
			case RunReport.LeakEntry.UNTRACKED -> ofTheRun ? "created outside every test, and not deleted"
					: "created during the test without the registry, and not deleted";
			case RunReport.LeakEntry.LATE -> "created by a thread of the test after it ended, and not deleted";
			case RunReport.LeakEntry.AMBIGUOUS -> "created without the registry while several tests ran";
			default -> leak.description();
		};
	}

	private static String openState(RunReport.LeakEntry leak) {
		return switch (leak.openState()) {
			case "OPEN" -> "still open in this JVM" + ((leak.openedAt() != null)
					? ", " + leak.openedAt().describe("opened") : ": close the stream or channel that opened it");
			case "NOT_OPEN" -> "not open in this JVM";
			default -> "whether it is still open is unknown";
		};
	}

	private static void fixed(RunReport report, StringBuilder html) {
		if (report.fixed().isEmpty()) {
			return;
		}
		html.append("<section id=\"fixed-section\">\n<h2>Fixed: remove from the baseline</h2>\n")
			.append("<ul class=\"items\" id=\"fixed\">\n");
		for (RunReport.Fixed fixed : report.fixed()) {
			html.append("<li class=\"fixed\"><code>")
				.append(escape(fixed.key()))
				.append("</code><div class=\"facts\">")
				.append(escape(fixed.test()))
				.append(fixed.description().isEmpty() ? "" : ": " + escape(fixed.description()))
				.append("</div></li>\n");
		}
		html.append("</ul>\n</section>\n");
	}

	private static void leftovers(RunReport report, Map<String, String> names, StringBuilder html) {
		if (report.leftovers().isEmpty()) {
			return;
		}
		html.append("<section id=\"leftovers-section\">\n<h2>Framework leftovers</h2>\n")
			.append("<p class=\"hint\">Made while an application context started: not a test's leak.</p>\n")
			.append("<ul class=\"items\" id=\"leftovers\">\n");
		for (RunReport.Leftover leftover : report.leftovers()) {
			html.append("<li class=\"")
				.append(leftover.left() ? "left" : "deleted")
				.append("\"><span class=\"path\">")
				.append(escape(leftover.path()))
				.append("</span><div class=\"facts\">")
				.append(escape(Formats.size(leftover.bytes(), leftover.files())))
				.append("; ")
				.append(escape(leftoverStatus(leftover)))
				.append(leftover.context().isEmpty() ? ""
						: "; started by " + escape(names.getOrDefault(leftover.context(), leftover.context())))
				.append("</div></li>\n");
		}
		html.append("</ul>\n</section>\n");
	}

	private static String leftoverStatus(RunReport.Leftover leftover) {
		String match = "matched " + (leftover.match().isEmpty() ? "the catalogue" : leftover.match());
		String note = leftover.note().isEmpty() ? "" : ": " + leftover.note();
		return switch (RunReport.Leftover.Status.of(leftover.status())) {
			case DELETED -> match + ", deleted";
			case DELETE_AT_EXIT -> match + ", deleted when the JVM exits";
			case DELETE_FAILED -> match + ", could not be deleted" + note;
			case LEFT -> "left by start-up, not deleted" + note;
		};
	}

	private static void kept(RunReport report, StringBuilder html) {
		if (report.tests().stream().allMatch((test) -> test.kept().isEmpty())) {
			return;
		}
		html.append("<section id=\"kept-section\">\n<h2>Kept after failed tests</h2>\n")
			.append("<ul class=\"items\" id=\"kept\">\n");
		for (RunReport.TestEntry test : report.tests()) {
			for (String path : test.kept()) {
				html.append("<li class=\"kept\"><span class=\"test-name\" title=\"")
					.append(escape(test.context()))
					.append("\">")
					.append(escape(label(test)))
					.append("</span><span class=\"path\">")
					.append(escape(path))
					.append("</span></li>\n");
			}
		}
		html.append("</ul>\n</section>\n");
	}

	// the tests that made the most files, the most bytes, and took longest to clean
	private static void producers(RunReport report, StringBuilder html) {
		List<RunReport.TestEntry> tests = report.tests()
			.stream()
			.filter((test) -> !"tests".equals(test.kind()))
			.toList();
		StringBuilder lists = new StringBuilder();
		producerList(lists, "Files", "files", tests, RunReport.TestEntry::files, String::valueOf);
		producerList(lists, "Bytes", "bytes", tests, RunReport.TestEntry::bytes, Formats::bytes);
		producerList(lists, "Cleanup time", "cleanup", tests, RunReport.TestEntry::cleanupNanos,
				(nanos) -> String.format(Locale.ROOT, (nanos < 1_000_000) ? "%.2f ms" : "%.1f ms", nanos / 1e6));
		if (lists.length() == 0) {
			return;
		}
		html.append("<section id=\"producers-section\">\n<h2>Largest producers</h2>\n<div class=\"producers\">\n")
			.append(lists)
			.append("</div>\n</section>\n");
	}

	private static void producerList(StringBuilder html, String title, String id, List<RunReport.TestEntry> tests,
			ToLongFunction<RunReport.TestEntry> value, Function<Long, String> format) {
		List<RunReport.TestEntry> top = tests.stream()
			.filter((test) -> value.applyAsLong(test) > 0)
			.sorted(Comparator.comparingLong(value).reversed())
			.limit(PRODUCERS)
			.toList();
		if (top.isEmpty()) {
			return;
		}
		html.append("<div><h3>").append(title).append("</h3><ol id=\"producers-").append(id).append("\">\n");
		for (RunReport.TestEntry test : top) {
			html.append("<li><span title=\"")
				.append(escape(test.context()))
				.append("\">")
				.append(escape(label(test)))
				.append("</span> <span class=\"value\">")
				.append(escape(format.apply(value.applyAsLong(test))))
				.append("</span></li>\n");
		}
		html.append("</ol></div>\n");
	}

	// a test by its display name (its id without the package when it has none); a
	// class's or the run's context saying so
	private static String label(RunReport.TestEntry test) {
		String name = test.displayName().equals(test.context()) ? TestsTable.simpleName(test.context())
				: test.displayName();
		return switch (test.kind()) {
			case "class" -> name + " (class context: @BeforeAll, @AfterAll)";
			case "run" -> "the run, outside any test";
			default -> name;
		};
	}

	private static void trend(RunReport report, StringBuilder html) {
		if (!TrendChart.drawable(report.history())) {
			return;
		}
		html.append("<section id=\"trend-section\">\n<h2>Last ")
			.append(report.history().size())
			.append(" builds</h2>\n");
		TrendChart.render(report.history(), html);
		html.append("</section>\n");
	}

	private static void forks(RunReport report, StringBuilder html) {
		html.append("<section id=\"forks-section\">\n<h2>Forks covered</h2>\n<ul class=\"forks\" id=\"forks\">\n");
		for (RunReport.Fork fork : report.forks()) {
			long contexts = report.tests().stream().filter((test) -> test.fork() == fork.pid()).count();
			html.append("<li>pid <span class=\"pid\">")
				.append(fork.pid())
				.append("</span>, started by ")
				.append((fork.parentPid() != null) ? "pid " + fork.parentPid() : "an unknown process")
				.append(", on ")
				.append(escape(fork.host()))
				.append(": ")
				.append(escape(fork.start()))
				.append(" to ")
				.append(escape(fork.end()))
				.append(", ")
				.append(Verdict.count(contexts, "context"))
				.append("</li>\n");
		}
		html.append("</ul>\n</section>\n");
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
