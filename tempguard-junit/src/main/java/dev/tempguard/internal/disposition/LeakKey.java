package dev.tempguard.internal.disposition;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tempguard.Leak;
import dev.tempguard.internal.report.RunReport;

/**
 * What the baseline knows a leak by, the same from one run to the next: the test context
 * it is reported against, and where it was made (the class and method of the first frame
 * outside the JDK and the frameworks, not the line); where that is unknown, its file name
 * with the random parts replaced by {@code *}. Never the random file name itself.
 *
 * @param test the id of the context the leak is reported against
 * @param site {@code <class>.<method>} of where it was made, {@code null} when unknown
 * @param fileName the leaked path's file name, as it is
 */
record LeakKey(String test, @Nullable String site, String fileName) {

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

	private static final Pattern DIGITS = Pattern.compile("[0-9]+");

	// a lambda's number is the compiler's, not the user's
	private static final Pattern LAMBDA_NUMBER = Pattern.compile("(\\.lambda\\$[^.]*?)\\$[0-9]+$");

	private static final String GLOB_SPECIAL = "\\*?[]{}";

	// a run of letters and digits this long that holds a digit is random
	private static final int RANDOM_LENGTH = 8;

	/** The key of a leak that {@code test}'s context recorded, as it happens. */
	static LeakKey of(String test, Leak leak) {
		return of(test, RunReport.Site.of(leak), leak.path().toString());
	}

	/**
	 * The key of a leak as {@code report.json} has it.
	 * @param test the id of the context whose entry lists it
	 * @param site where it was made, {@code null} for a path the registry tracked
	 * @param path the leaked path
	 */
	static LeakKey of(String test, RunReport.@Nullable Site site, String path) {
		Path fileName = Path.of(path).getFileName();
		return new LeakKey(test, site(site), (fileName != null) ? fileName.toString() : path);
	}

	/**
	 * The baseline entry of this leak, whose key is {@code <test> site=<class>.<method>},
	 * else {@code <test> name=<pattern>}.
	 */
	BaselineEntry entry() {
		return (this.site != null) ? new BaselineEntry(this.test, this.site, null, "", 0)
				: new BaselineEntry(this.test, null, namePattern(this.fileName), "", 0);
	}

	// the class and method of the first frame a person reads: frames as
	// StackTraceElement#toString writes them, [loader/][module/]class.method(File:line)
	private static @Nullable String site(RunReport.@Nullable Site site) {
		if (site == null || !site.known() || site.frames().isEmpty()) {
			return null;
		}
		String frame = site.frames().get(0);
		int paren = frame.indexOf('(');
		String method = (paren >= 0) ? frame.substring(0, paren) : frame;
		method = method.substring(method.lastIndexOf('/') + 1);
		return LAMBDA_NUMBER.matcher(method).replaceFirst("$1");
	}

	/**
	 * {@code fileName} as a glob that its next run's name matches: UUIDs and runs of
	 * letters and digits that look random ({@value #RANDOM_LENGTH} or more, a digit among
	 * them) become {@code *}, as do the digits of shorter runs; the characters special to
	 * a glob are escaped.
	 */
	static String namePattern(String fileName) {
		StringBuilder pattern = new StringBuilder();
		String rest = UUID.matcher(fileName).replaceAll("\u0000");
		Matcher run = ALPHANUMERIC.matcher(rest);
		int index = 0;
		while (index < rest.length()) {
			if (run.find(index) && run.start() == index) {
				String letters = run.group();
				boolean random = DIGITS.matcher(letters).find();
				appendPattern(pattern, (random && letters.length() >= RANDOM_LENGTH) ? "\u0000"
						: DIGITS.matcher(letters).replaceAll("\u0000"));
				index = run.end();
			}
			else {
				appendPattern(pattern, String.valueOf(rest.charAt(index)));
				index++;
			}
		}
		return pattern.toString();
	}

	// \u0000 stands for a random part: one * however many follow each other
	private static void appendPattern(StringBuilder pattern, String text) {
		for (char c : text.toCharArray()) {
			if (c == '\u0000') {
				boolean afterStar = pattern.length() > 0 && pattern.charAt(pattern.length() - 1) == '*'
						&& (pattern.length() < 2 || pattern.charAt(pattern.length() - 2) != '\\');
				if (!afterStar) {
					pattern.append('*');
				}
			}
			else {
				if (GLOB_SPECIAL.indexOf(c) >= 0) {
					pattern.append('\\');
				}
				pattern.append(c);
			}
		}
	}

}
