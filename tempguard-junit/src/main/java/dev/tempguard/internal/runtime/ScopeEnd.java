package dev.tempguard.internal.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.disposition.Allowances;
import dev.tempguard.internal.disposition.Dispositions;
import dev.tempguard.internal.leak.LeakReporter;
import dev.tempguard.internal.scope.Scope;

/**
 * The end of a test context, after a test, a class, or at the end of the run: closes it,
 * cleans it (or keeps its files), finds its untracked leaks, tells which are allowed or
 * known from the baseline, records it for the report, and reports what it left behind and
 * the baseline entries that no longer happen. A test class whose end can fail reports the
 * leaks the run holds too (see {@link RunLeaks}); the run records them.
 */
public final class ScopeEnd {

	private ScopeEnd() {
	}

	/**
	 * Ends {@code scope} once; a later call does nothing.
	 * @param canFail whether the caller can fail the test with the returned error: a test
	 * class whose end can fail takes the leaks the run holds, when {@code policy} fails
	 * on leaks
	 * @return the error to fail the test with: a {@link TempFileLeakError} when it leaked
	 * (or a context below it whose end could not fail escalated its leaks here), what it
	 * leaked was neither allowed nor known, and {@code policy} fails on leaks; else one
	 * for the leaks the run held, for a test class that takes them; else, for a test
	 * class whose strict baseline knows leaks of its tests that no longer happen, an
	 * {@link AssertionError} saying which. The others are added to the first as
	 * suppressed.
	 */
	public static Optional<AssertionError> finish(TempGuardRuntime runtime, Scope scope, CleanupPolicy policy,
			boolean canFail) {
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
		List<Leak> reported = untracked;
		List<Leak> escalated = scope.drainEscalated();
		if (!escalated.isEmpty()) {
			reported = new ArrayList<>(untracked);
			reported.addAll(escalated);
		}
		List<AssertionError> errors = new ArrayList<>();
		LeakReporter.report(cleanup, reported, policy, judgement::excuse, Allowances.narrowed(scope))
			.ifPresent(errors::add);
		if (canFail && scope.kind() == Scope.Kind.CLASS) {
			runtime.runLeaks().classEnded(scope, policy).ifPresent(errors::add);
		}
		runtime.dispositions().ended(scope, policy, runtime.recorder()).ifPresent(errors::add);
		// recorded as failed when tempguard fails it, as the build shows it
		record(runtime, scope, cleanup, untracked, judgement, canFail && !errors.isEmpty());
		if (errors.isEmpty()) {
			return Optional.empty();
		}
		errors.subList(1, errors.size()).forEach(errors.get(0)::addSuppressed);
		return Optional.of(errors.get(0));
	}

	// the run's record holds the leaks it held that test classes took and failed with
	private static void record(TempGuardRuntime runtime, Scope scope, ScopeCleanup cleanup, List<Leak> untracked,
			Dispositions.Judgement judgement, boolean failedByTempguard) {
		if (scope.kind() != Scope.Kind.RUN) {
			runtime.recorder().record(scope, cleanup, untracked, judgement::of, failedByTempguard);
			return;
		}
		RunLeaks.Taken taken = runtime.runLeaks().drain();
		List<Leak> all = new ArrayList<>(taken.leaks());
		all.addAll(untracked);
		runtime.recorder().record(scope, cleanup, all, taken.or(judgement::of));
	}

}
