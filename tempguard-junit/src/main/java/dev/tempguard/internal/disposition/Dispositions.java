package dev.tempguard.internal.disposition;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.Leak;
import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.CleanupPolicy;

/**
 * Decides whether each leak of a test context fails it: allowed by an
 * {@link dev.tempguard.AllowLeaks} of the test or an enclosing class, known from the
 * baseline of its policy ({@code tempguard.baseline}), or new. And tells which baseline
 * entries no leak matched any more: at the end of each test class (not {@code @Nested}),
 * those of its tests, failing the class with {@code tempguard.baseline.strict=true}; at
 * the end of the run, the rest.
 */
public final class Dispositions {

	private static final Log logger = LogFactory.getLog(Dispositions.class);

	private final Baselines baselines = new Baselines();

	/**
	 * Checks what {@code scope} is run with: its own {@code @AllowLeaks}, and the
	 * baseline of {@code policy}.
	 * @throws IllegalArgumentException naming the test, or the baseline file and what is
	 * wrong with it
	 */
	public void verify(Scope scope, CleanupPolicy policy) {
		Allowances.check(scope);
		Path file = policy.baseline().file();
		if (file != null) {
			this.baselines.require(file);
		}
	}

	/**
	 * The disposition of each of {@code leaks}, which {@code scope} left; the baseline
	 * takes note that the context ended.
	 */
	public Judgement judge(Scope scope, CleanupPolicy policy, List<Leak> leaks) {
		return judge(scope, policy, leaks, (leak) -> scope);
	}

	/**
	 * The disposition of each of {@code leaks}, which {@code scope} reports, as
	 * {@link #judge(Scope, CleanupPolicy, List)} tells it, but each allowed by the
	 * {@code @AllowLeaks} of the context {@code allowedIn} gives and of those enclosing
	 * it: for a leak the run holds, the test whose thread made it.
	 */
	public Judgement judge(Scope scope, CleanupPolicy policy, List<Leak> leaks, Function<Leak, Scope> allowedIn) {
		Baseline baseline = this.baselines.find(policy.baseline());
		Judgement judgement = new Judgement();
		for (Leak leak : leaks) {
			Allowance allowance = Allowances.allowing(allowedIn.apply(leak), leak);
			if (allowance != null) {
				judgement.put(leak, RunReport.Disposition.allowed(allowance.reason(), allowance.issue()),
						"allowed by @AllowLeaks: " + allowance.describe());
				continue;
			}
			BaselineEntry entry = (baseline != null) ? baseline.match(LeakKey.of(scope.id(), leak)) : null;
			if (baseline != null && entry != null) {
				judgement.put(leak, RunReport.Disposition.known(entry.key()),
						"known: in the baseline " + baseline.file() + " as " + entry.key());
			}
		}
		if (baseline != null) {
			baseline.ended(scope.id(), scope.failed());
		}
		return judgement;
	}

	/**
	 * Tells the baseline entries no leak matched any more, once {@code scope} ended:
	 * those of its tests for a test class that is not {@code @Nested}, every other one
	 * for the run. Each is recorded for the report and logged.
	 * @return for a class whose baseline is strict, the error to fail it with
	 */
	public Optional<AssertionError> ended(Scope scope, CleanupPolicy policy, RunRecorder recorder) {
		boolean run = scope.kind() == Scope.Kind.RUN;
		if (!run && !isOutermostClass(scope)) {
			return Optional.empty();
		}
		List<Baseline> baselines = new ArrayList<>();
		if (run) {
			baselines.addAll(this.baselines.all());
		}
		else {
			Baseline baseline = this.baselines.find(policy.baseline());
			if (baseline != null) {
				baselines.add(baseline);
			}
		}
		String testClass = (scope.testClass() != null) ? scope.testClass().getName() : scope.id();
		Predicate<BaselineEntry> which = run ? (entry) -> true : (entry) -> entry.belongsTo(testClass);
		AssertionError failure = null;
		for (Baseline baseline : baselines) {
			List<BaselineEntry> fixed = baseline.fixed(which);
			if (fixed.isEmpty()) {
				continue;
			}
			fixed.forEach((entry) -> recorder.fixed(entry.key(), entry.test(), entry.describe()));
			String message = message(baseline.file(), fixed, run ? "its tests" : testClass);
			if (!policy.baseline().strict()) {
				logger.warn(message);
			}
			else if (run) {
				logger.error(message + " (tempguard.baseline.strict=true: the run ends, nothing is left to fail)");
			}
			else if (failure == null) {
				failure = new AssertionError(message + System.lineSeparator()
						+ "  tempguard.baseline.strict=true fails the class until the baseline is updated.");
			}
		}
		return Optional.ofNullable(failure);
	}

	// a class whose end no enclosing class's follows: every test of it has ended
	private static boolean isOutermostClass(Scope scope) {
		Scope parent = scope.parent();
		return scope.kind() == Scope.Kind.CLASS && (parent == null || parent.kind() != Scope.Kind.CLASS);
	}

	private static String message(Path file, List<BaselineEntry> fixed, String of) {
		StringBuilder message = new StringBuilder("tempguard: the baseline ").append(file)
			.append(" knows ")
			.append(fixed.size())
			.append((fixed.size() == 1) ? " leak of " : " leaks of ")
			.append(of)
			.append(" that no longer happen")
			.append((fixed.size() == 1) ? "s:" : ":");
		for (BaselineEntry entry : fixed) {
			message.append(System.lineSeparator()).append("  ").append(entry.key());
		}
		return message.append(System.lineSeparator())
			.append("  Fixed: remove ")
			.append((fixed.size() == 1) ? "it" : "them")
			.append(" from the baseline, with mvn tempguard:baseline -Dtempguard.baseline=")
			.append(file)
			.append(" after this run (see docs/baseline.md).")
			.toString();
	}

	/** The dispositions of the leaks of one context: new unless said otherwise. */
	public static final class Judgement {

		private final Map<Leak, RunReport.Disposition> dispositions = new IdentityHashMap<>();

		private final Map<Leak, String> excuses = new IdentityHashMap<>();

		private void put(Leak leak, RunReport.Disposition disposition, String excuse) {
			this.dispositions.put(leak, disposition);
			this.excuses.put(leak, excuse);
		}

		/** Whether {@code leak} is new, allowed or known. */
		public RunReport.Disposition of(Leak leak) {
			return this.dispositions.getOrDefault(leak, RunReport.Disposition.NEW);
		}

		/**
		 * Why {@code leak} does not fail its test, for the log; {@code null} when it is
		 * new.
		 */
		public @Nullable String excuse(Leak leak) {
			return this.excuses.get(leak);
		}

	}

}
