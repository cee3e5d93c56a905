package dev.tempguard.internal.disposition;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One known leak of the baseline: a test context and where its leak is made, or the
 * pattern of its file name.
 */
final class BaselineEntry {

	/** Sorted as the file lists them: by test, then sites before names. */
	static final Comparator<BaselineEntry> ORDER = Comparator.comparing(BaselineEntry::test)
		.thenComparing((entry) -> (entry.site != null) ? 0 : 1)
		.thenComparing(BaselineEntry::value);

	private final String test;

	private final @Nullable String site;

	private final @Nullable String name;

	private final String note;

	private final int line;

	private final @Nullable PathMatcher nameMatcher;

	/**
	 * @param test the id of the test context
	 * @param site {@code <class>.<method>} where its leak is made; or {@code null} with a
	 * name
	 * @param name a glob of the leaked file's name; or {@code null} with a site
	 * @param note a note for people, kept when the baseline is written again
	 * @param line where it is in the file, 0 for an entry not read from one
	 */
	BaselineEntry(String test, @Nullable String site, @Nullable String name, String note, int line) {
		this.test = test;
		this.site = site;
		this.name = name;
		this.note = note;
		this.line = line;
		this.nameMatcher = (name != null) ? FileSystems.getDefault().getPathMatcher("glob:" + name) : null;
	}

	private static String key(String test, @Nullable String site, @Nullable String name) {
		return test + ((site != null) ? " site=" + site : " name=" + name);
	}

	String test() {
		return this.test;
	}

	@Nullable String site() {
		return this.site;
	}

	@Nullable String name() {
		return this.name;
	}

	String note() {
		return this.note;
	}

	int line() {
		return this.line;
	}

	/** {@code <test> site=<class>.<method>} or {@code <test> name=<glob>}. */
	String key() {
		return key(this.test, this.site, this.name);
	}

	/**
	 * Whether {@code leak} is this entry's: of its test, and made at its site, or named
	 * as its glob says.
	 */
	boolean matches(LeakKey leak) {
		if (!this.test.equals(leak.test())) {
			return false;
		}
		if (this.site != null) {
			return this.site.equals(leak.site());
		}
		return this.nameMatcher != null && this.nameMatcher.matches(Path.of(leak.fileName()));
	}

	/** Whether {@code test} is the test class {@code testClass}, or one of its tests. */
	boolean belongsTo(String testClass) {
		return this.test.equals(testClass) || this.test.startsWith(testClass + "#")
				|| this.test.startsWith(testClass + "$");
	}

	/** One line for a person: where the leak was made, or how its file is named. */
	String describe() {
		return (this.site != null) ? "a leak made at " + this.site : "a leak named " + this.name;
	}

	private String value() {
		return Objects.requireNonNullElse((this.site != null) ? this.site : this.name, "");
	}

	@Override
	public String toString() {
		return key();
	}

}
