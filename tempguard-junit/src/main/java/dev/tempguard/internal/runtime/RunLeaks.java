package dev.tempguard.internal.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.disposition.Dispositions;
import dev.tempguard.internal.leak.LeakReporter;
import dev.tempguard.internal.leak.UntrackedLeak;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.CleanupPolicy;

/**
 * The leaks the run holds, which no test can be failed for: entries made outside every
 * test (between classes, by a cached application context's thread), and files a test's
 * thread made after the test's class ended. With {@code fail-on-leak}, the end of each
 * test class whose end can fail takes those found so far and fails with them, saying it
 * did not make them, so that the build shows them (not a class of a test plan that a test
 * launched: its failure goes to that test); they are kept here, each with its
 * disposition, for the run's record at the end of the run, which reports what is left.
 */
final class RunLeaks {

	private final TempGuardRuntime runtime;

	// guarded by itself
	private final Map<Leak, RunReport.Disposition> taken = new IdentityHashMap<>();

	private final List<Leak> order = new ArrayList<>();

	private volatile boolean failOnLeak;

	RunLeaks(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * A test class whose end can fail ends, as {@code policy} says: when leaks fail
	 * tests, takes the leaks the run holds now (never what application contexts left when
	 * they started), tells which are allowed or known, and keeps them for the run's
	 * record.
	 * @return the error to fail the class with, when some are neither allowed nor known
	 */
	Optional<TempFileLeakError> classEnded(Scope testClass, CleanupPolicy policy) {
		// a class of a plan that a test launched fails to that test, not to the build
		if (!policy.failOnLeak() || launchedByATest(testClass)) {
			return Optional.empty();
		}
		this.failOnLeak = true;
		Judged held = take(policy);
		if (held.leaks().isEmpty()) {
			return Optional.empty();
		}
		synchronized (this.taken) {
			for (Leak leak : held.leaks()) {
				this.taken.put(leak, held.judgement().of(leak));
				this.order.add(leak);
			}
		}
		return LeakReporter.reportRunLeaks(testClass.id(), held.leaks(), held.judgement()::excuse);
	}

	/**
	 * Takes the leaks the run holds now (never what application contexts left when they
	 * started), deleted once taken when {@code policy} says so, each judged as the run's:
	 * allowed by the {@code @AllowLeaks} of the test whose thread made it, or known by
	 * the run's id in the baseline. Nothing keeps them for the run's record.
	 */
	Judged take(CleanupPolicy policy) {
		List<UntrackedLeak> held = this.runtime.leakDetector().runLeaks(policy.deleteUntracked());
		List<Leak> leaks = held.stream().map(UntrackedLeak::leak).toList();
		Map<Leak, Scope> origins = new IdentityHashMap<>();
		held.forEach((leak) -> origins.put(leak.leak(), leak.origin()));
		// known by the run's id in the baseline, whichever class ends first
		return new Judged(leaks,
				this.runtime.dispositions().judge(this.runtime.scopes().run(), policy, leaks, origins::get));
	}

	private static boolean launchedByATest(Scope testClass) {
		for (Scope parent = testClass.parent(); parent != null; parent = parent.parent()) {
			if (parent.kind() == Scope.Kind.METHOD || parent.kind() == Scope.Kind.CONTAINER) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a test class of the build ended whose leaks fail it (its application
	 * context may say so where the run's settings do not): then what the run still holds
	 * at its end is logged as an error.
	 */
	boolean failOnLeak() {
		return this.failOnLeak;
	}

	/** Removes and returns the leaks taken so far, for the run's record. */
	Taken drain() {
		synchronized (this.taken) {
			Taken drained = new Taken(List.copyOf(this.order), new IdentityHashMap<>(this.taken));
			this.order.clear();
			this.taken.clear();
			return drained;
		}
	}

	/**
	 * Leaks the run held, with how they are judged.
	 *
	 * @param leaks the leaks, in the order they were found
	 * @param judgement whether each is allowed or known
	 */
	record Judged(List<Leak> leaks, Dispositions.Judgement judgement) {

	}

	/**
	 * Leaks taken from the run, with their dispositions.
	 *
	 * @param leaks the leaks, in the order they were taken
	 * @param dispositions the disposition of each
	 */
	record Taken(List<Leak> leaks, Map<Leak, RunReport.Disposition> dispositions) {

		/**
		 * The disposition of {@code leak} if it is one of these, else {@code other}'s.
		 */
		Function<Leak, RunReport.Disposition> or(Function<Leak, RunReport.Disposition> other) {
			return (leak) -> {
				RunReport.Disposition disposition = this.dispositions.get(leak);
				return (disposition != null) ? disposition : other.apply(leak);
			};
		}

	}

}
