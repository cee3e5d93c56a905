package dev.tempguard.internal.leak;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.scope.Scope;

/**
 * An entry that appeared in a watched directory without the registry, and who it is
 * reported against if it outlives them: the test that made it
 * ({@link Leak.Reason#UNTRACKED}), the test whose thread made it after it ended
 * ({@link Leak.Reason#LATE}), or the tests one of which made it
 * ({@link Leak.Reason#AMBIGUOUS}). Its holder is the open context whose end checks it; an
 * ambiguous entry of tests of several classes has none until the last of them ended.
 * Guarded by the leak detector's lock.
 */
final class Appearance {

	final Path path;

	final Leak.Reason reason;

	/**
	 * The context it is reported against: the test, the run, or for an ambiguous entry
	 * the narrowest context of the tests; its {@code @AllowLeaks} and its enclosing
	 * contexts' allow it. For an entry that appeared while an application context
	 * started, the test whose context it was, which it is never reported against.
	 */
	final Scope origin;

	final List<Scope> candidates;

	final CreationSite site;

	/**
	 * Whether it appeared while an application context started: a framework's, not a
	 * test's.
	 */
	final boolean startup;

	@Nullable Scope holder;

	/**
	 * Whether the entry source saw it removed after it last appeared: then it is gone
	 * without a {@code stat}.
	 */
	boolean removed;

	/**
	 * Whether it was still there when its context ended and is checked once more when the
	 * context above ends: a {@code @TempDir} JUnit deletes after tempguard's check.
	 */
	boolean deferred;

	Appearance(Path path, Leak.Reason reason, Scope origin, List<Scope> candidates, CreationSite site,
			boolean startup) {
		this.path = path;
		this.reason = reason;
		this.origin = origin;
		this.candidates = List.copyOf(candidates);
		this.site = site;
		this.startup = startup;
	}

	/**
	 * Whether it was seen where it was made, on the creating thread, rather than found
	 * later.
	 */
	boolean exact() {
		return this.site.known();
	}

	boolean candidatesEnded() {
		for (Scope candidate : this.candidates) {
			if (candidate.isOpen()) {
				return false;
			}
		}
		return true;
	}

	List<String> candidateIds() {
		return this.candidates.stream().map(Scope::id).toList();
	}

}
