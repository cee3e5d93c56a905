package dev.tempguard.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.leak.LeakReporter;
import dev.tempguard.internal.scope.Scope;

/**
 * The end of a test context, after a test, a class, or at the end of the run: closes it,
 * cleans it (or keeps its files), finds its untracked leaks, records it for the report,
 * and reports what it left behind.
 */
public final class ScopeEnd {

	private ScopeEnd() {
	}

	/**
	 * Ends {@code scope} once; a later call does nothing.
	 * @return the error to fail the test with, when it leaked (or a context below it
	 * whose end could not fail escalated its leaks here) and {@code policy} fails on
	 * leaks
	 */
	public static Optional<TempFileLeakError> finish(TempGuardRuntime runtime, Scope scope, CleanupPolicy policy) {
		// the run ends with each test plan of the JVM, every other context once
		if (scope.kind() != Scope.Kind.RUN && !scope.markFinished()) {
			return Optional.empty();
		}
		runtime.leakDetector().closed(scope);
		runtime.scopes().close(scope);
		ScopeCleanup cleanup = runtime.cleaner().clean(scope, policy.keeps(scope.failed()));
		List<Leak> untracked = runtime.leakDetector().untrackedLeaks(scope, policy.deleteUntracked());
		runtime.recorder().record(scope, cleanup, untracked);
		List<Leak> escalated = scope.drainEscalated();
		if (!escalated.isEmpty()) {
			untracked = new ArrayList<>(untracked);
			untracked.addAll(escalated);
		}
		return LeakReporter.report(cleanup, untracked, policy);
	}

}
