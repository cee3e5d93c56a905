package dev.tempguard.internal.cleanup;

import java.time.Duration;
import java.util.List;

import dev.tempguard.CleanupResult;
import dev.tempguard.Leak;

/**
 * The outcome of cleaning one scope.
 *
 * @param context the scope's id
 * @param result what was deleted, kept, and could not be deleted
 * @param leaks tracked paths that still exist after the cleanup, each with why
 * @param files paths the context tracked when it was cleaned
 * @param bytes their size before the cleanup
 * @param duration time spent cleaning
 */
public record ScopeCleanup(String context, CleanupResult result, List<Leak> leaks, int files, long bytes,
		Duration duration) {

	public ScopeCleanup {
		leaks = List.copyOf(leaks);
	}

}
