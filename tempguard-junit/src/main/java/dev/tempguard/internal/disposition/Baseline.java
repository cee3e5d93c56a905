package dev.tempguard.internal.disposition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A baseline as this run uses it: its entries, the ones a leak matched, and the tests
 * that ended, so that an entry of a test that ended without its leak is told as fixed
 * (once). A test that did not run, or failed, says nothing about its entries: it may not
 * have reached the code that leaks.
 */
final class Baseline {

	private final Path file;

	private final List<BaselineEntry> entries;

	private final Map<String, List<BaselineEntry>> byTest = new LinkedHashMap<>();

	private final Set<String> matched = ConcurrentHashMap.newKeySet();

	// test id: whether each of its contexts ended without failing
	private final Map<String, Boolean> ended = new ConcurrentHashMap<>();

	private final Set<String> told = ConcurrentHashMap.newKeySet();

	Baseline(Path file, List<BaselineEntry> entries) {
		this.file = file;
		this.entries = List.copyOf(entries);
		for (BaselineEntry entry : entries) {
			this.byTest.computeIfAbsent(entry.test(), (test) -> new ArrayList<>()).add(entry);
		}
	}

	Path file() {
		return this.file;
	}

	/** The entry that {@code leak} is, now seen; {@code null} when it is new. */
	@Nullable BaselineEntry match(LeakKey leak) {
		for (BaselineEntry entry : this.byTest.getOrDefault(leak.test(), List.of())) {
			if (entry.matches(leak)) {
				this.matched.add(entry.key());
				return entry;
			}
		}
		return null;
	}

	/** The context of {@code test} ended, its leaks matched. */
	void ended(String test, boolean failed) {
		if (this.byTest.containsKey(test)) {
			this.ended.merge(test, !failed, Boolean::logicalAnd);
		}
	}

	/**
	 * The entries {@code which} selects whose test ended without failing and without the
	 * leak, not told before.
	 */
	List<BaselineEntry> fixed(Predicate<BaselineEntry> which) {
		List<BaselineEntry> fixed = new ArrayList<>();
		for (BaselineEntry entry : this.entries) {
			if (which.test(entry) && Boolean.TRUE.equals(this.ended.get(entry.test()))
					&& !this.matched.contains(entry.key()) && this.told.add(entry.key())) {
				fixed.add(entry);
			}
		}
		return fixed;
	}

}
