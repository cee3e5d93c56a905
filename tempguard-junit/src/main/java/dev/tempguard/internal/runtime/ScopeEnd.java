package dev.tempguard.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.disposition.Dispositions;
import dev.tempguard.internal.leak.LeakReporter;
import dev.tempguard.internal.scope.Scope;

/**
 * The end of a test context, after a test, a class, or at the end of the run: closes it,
 * cleans it (or keeps its files), finds its untracked leaks, tells which are allowed or
 * known from the baseline, records it for the report, and reports what it left behind and
 * the baseline entries that no longer happen.
 */
public final class ScopeEnd {

	private ScopeEnd() {
	}

	/**
	 * Ends {@code scope} once; a later call does nothing.
	 * @return the error to fail the test with: a {@link TempFileLeakError} when it leaked
	 * (or a context below it whose end could not fail escalated its leaks here), what it
	 * leaked was neither allowed nor known, and {@code policy} fails on leaks; else, for
	 * a test class whose strict baseline knows leaks of its tests that no longer happen,
	 * an {@link AssertionError} saying which
	 */
	public static Optional<AssertionError> finish(TempGuardRuntime runtime, Scope scope, CleanupPolicy policy) {
		// the run ends with each test plan of the JVM, every other context once
		if (scope.kind() != Scope.Kind.RUN && !scope.markFinished()) {
			return Optional.empty();
		}
		runtime.leakDetector().closed(scope);
		runtime.scopes().close(scope);
		ScopeCleanup cleanup = runtime.cleaner().clean(scope, policy.keeps(scope.failed()));
		List<Leak> untracked = runtime.leakDetector().untrackedLeaks(scope, policy.deleteUntracked());
		List<Leak> leaks = new ArrayList<>(cleanup.leaks());
		leaks.addAll(untracked);
		Dispositions.Judgement judgement = runtime.dispositions().judge(scope, policy, leaks);
		runtime.recorder().record(scope, cleanup, untracked, judgement::of);
		List<Leak> escalated = scope.drainEscalated();
		if (!escalated.isEmpty()) {
			untracked = new ArrayList<>(untracked);
			untracked.addAll(escalated);
		}
		Optional<TempFileLeakError> leakError = LeakReporter.report(cleanup, untracked, policy, judgement::excuse);
		Optional<AssertionError> fixed = runtime.dispositions().ended(scope, policy, runtime.recorder());
		if (leakError.isPresent()) {
			fixed.ifPresent(leakError.get()::addSuppressed);
			return Optional.of(leakError.get());
		}
		return fixed;
	}

}
