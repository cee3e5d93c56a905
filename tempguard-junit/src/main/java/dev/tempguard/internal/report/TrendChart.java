package dev.tempguard.internal.report;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * An SVG chart of the last builds: leaks, files created and cleanup time per build, one
 * band each with its own scale, the builds left to right, oldest first. It scales to the
 * width of the page; hovering a build shows its figures.
 */
final class TrendChart {

	private static final int WIDTH = 600;

	private static final int LEFT = 100;

	private static final int RIGHT = 50;

	private static final int BAND = 64;

	private static final int GAP = 14;

	private static final int TOP = 8;

	private TrendChart() {
	}

	/** Whether {@code history} has enough builds to draw a trend. */
	static boolean drawable(List<RunReport.Build> history) {
		return history.size() >= 2;
	}

	static void render(List<RunReport.Build> history, StringBuilder html) {
		int bands = 3;
		int height = TOP + bands * (BAND + GAP) + 16;
		int plot = WIDTH - LEFT - RIGHT;
		double step = (double) plot / history.size();
		html.append(
				"<svg id=\"trend\" class=\"trend\" role=\"img\" aria-label=\"leaks, files and cleanup time of the last ")
			.append(history.size())
			.append(" builds\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(height)
			.append("\" xmlns=\"http://www.w3.org/2000/svg\">\n");
		band(html, history, 0, "leaks", RunReport.Build::leaks, step, true);
		band(html, history, 1, "files created", RunReport.Build::files, step, false);
		band(html, history, 2, "cleanup ms", (build) -> build.cleanupNanos() / 1e6, step, false);
		int axis = TOP + bands * (BAND + GAP);
		html.append("<text class=\"axis\" x=\"")
			.append(LEFT)
			.append("\" y=\"")
			.append(axis + 8)
			.append("\">")
			.append(HtmlReport.escape(minute(history.get(0).end())))
			.append("</text><text class=\"axis\" x=\"")
			.append(WIDTH - RIGHT)
			.append("\" y=\"")
			.append(axis + 8)
			.append("\" text-anchor=\"end\">")
			.append(HtmlReport.escape(minute(history.get(history.size() - 1).end())))
			.append("</text>\n");
		// a column per build, for its figures on hover
		for (int i = 0; i < history.size(); i++) {
			RunReport.Build build = history.get(i);
			html.append("<rect class=\"hover\" x=\"")
				.append(format(LEFT + i * step))
				.append("\" y=\"0\" width=\"")
				.append(format(step))
				.append("\" height=\"")
				.append(axis)
				.append("\"><title>")
				.append(HtmlReport.escape(build.end()))
				.append(": ")
				.append(build.leaks())
				.append(" leaks (")
				.append(build.newLeaks())
				.append(" new), ")
				.append(build.files())
				.append(" files, ")
				.append(whole(build.cleanupNanos() / 1e6))
				.append(" ms cleaning, ")
				.append(build.tests())
				.append(" tests</title></rect>\n");
		}
		html.append("</svg>\n");
	}

	private static void band(StringBuilder html, List<RunReport.Build> history, int index, String label,
			ToDoubleFunction<RunReport.Build> value, double step, boolean bars) {
		int top = TOP + index * (BAND + GAP);
		int bottom = top + BAND;
		double max = history.stream().mapToDouble(value).max().orElse(0);
		double scale = (max > 0) ? BAND / max : 0;
		double last = value.applyAsDouble(history.get(history.size() - 1));
		html.append("<g class=\"band ")
			.append(bars ? "bars" : "line")
			.append("\" data-series=\"")
			.append(label)
			.append("\"><text x=\"0\" y=\"")
			.append(top + 14)
			.append("\">")
			.append(label)
			.append("</text><text class=\"axis\" x=\"")
			.append(LEFT - 8)
			.append("\" y=\"")
			.append(top + 10)
			.append("\" text-anchor=\"end\">")
			.append(whole(max))
			.append("</text><text class=\"axis\" x=\"")
			.append(LEFT - 8)
			.append("\" y=\"")
			.append(bottom)
			.append("\" text-anchor=\"end\">0</text><line class=\"base\" x1=\"")
			.append(LEFT)
			.append("\" y1=\"")
			.append(bottom)
			.append("\" x2=\"")
			.append(WIDTH - RIGHT)
			.append("\" y2=\"")
			.append(bottom)
			.append("\"></line>");
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < history.size(); i++) {
			double v = value.applyAsDouble(history.get(i));
			double x = LEFT + i * step + step / 2;
			double y = bottom - v * scale;
			if (bars) {
				double width = Math.max(2, step * 0.6);
				html.append("<rect x=\"")
					.append(format(x - width / 2))
					.append("\" y=\"")
					.append(format(y))
					.append("\" width=\"")
					.append(format(width))
					.append("\" height=\"")
					.append(format(bottom - y))
					.append("\"></rect>");
			}
			else {
				points.append((i > 0) ? " " : "").append(format(x)).append(',').append(format(y));
				html.append("<circle cx=\"")
					.append(format(x))
					.append("\" cy=\"")
					.append(format(y))
					.append("\" r=\"2.5\"></circle>");
			}
		}
		if (!bars) {
			html.append("<polyline points=\"").append(points).append("\"></polyline>");
		}
		html.append("<text class=\"last\" x=\"")
			.append(WIDTH - RIGHT + 8)
			.append("\" y=\"")
			.append(format(Math.max(top + 12, bottom - last * scale + 4)))
			.append("\">")
			.append(whole(last))
			.append("</text></g>\n");
	}

	// an ISO-8601 instant to the minute, such as 2026-01-05 10:00
	private static String minute(String instant) {
		return (instant.length() >= 16) ? instant.substring(0, 16).replace('T', ' ') : instant;
	}

	private static String whole(double value) {
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
