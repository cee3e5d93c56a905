package dev.tempguard.internal.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.cleanup.ScopeCleanup;

/**
 * Says what a test left behind: a {@link TempFileLeakError} when leaks fail tests, else
 * one WARN line per context; and where kept files are.
 */
public final class LeakReporter {

	private static final Log logger = LogFactory.getLog(LeakReporter.class);

	private static final String NEW_LINE = System.lineSeparator() + "  ";

	private LeakReporter() {
	}

	/**
	 * Reports a cleanup and the untracked leaks of its context; the leaks that
	 * {@code excuses} excuses (allowed, or known from the baseline) fail nothing, and are
	 * logged with why at debug level only: the summary counts them.
	 * @param excuses why a leak does not fail its test, {@code null} when it does
	 * @return the error to fail the test with, when there were leaks not excused and
	 * {@code policy} fails on them
	 */
	public static Optional<TempFileLeakError> report(ScopeCleanup cleanup, List<Leak> untracked, CleanupPolicy policy,
			Function<Leak, @Nullable String> excuses) {
		return report(cleanup, untracked, policy, excuses, null);
	}

	/**
	 * Reports as {@link #report(ScopeCleanup, List, CleanupPolicy, Function)}, saying in
	 * the error what the context's {@code @AllowLeaks} allows when it did not allow these
	 * leaks.
	 * @param narrowed what the {@code @AllowLeaks} narrowed to paths or sites allow,
	 * {@code null} when there is none
	 */
	public static Optional<TempFileLeakError> report(ScopeCleanup cleanup, List<Leak> untracked, CleanupPolicy policy,
			Function<Leak, @Nullable String> excuses, @Nullable String narrowed) {
		if (!cleanup.result().kept().isEmpty()) {
			logger.warn("tempguard kept " + cleanup.result().kept().size() + " temporary path(s) of "
					+ cleanup.context() + " (tempguard.cleanup=" + policy.mode().name().toLowerCase().replace('_', '-')
					+ "); orphan sweeping removes them after tempguard.max-age:" + NEW_LINE
					+ cleanup.result().kept().stream().map(Object::toString).collect(Collectors.joining(NEW_LINE)));
		}
		List<Leak> all = new ArrayList<>(cleanup.leaks());
		all.addAll(untracked);
		List<Leak> leaks = notExcused(cleanup.context(), all, excuses);
		if (leaks.isEmpty()) {
			return Optional.empty();
		}
		TempFileLeakError error = (narrowed == null) ? new TempFileLeakError(cleanup.context(), leaks)
				: new TempFileLeakError(cleanup.context(), leaks,
						"tempguard: " + cleanup.context() + " leaked " + leaks.size()
								+ ((leaks.size() == 1) ? " temporary path" : " temporary paths")
								+ " that its @AllowLeaks does not allow (" + narrowed + "):");
		if (policy.failOnLeak()) {
			return Optional.of(error);
		}
		logger.warn(String.valueOf(error.getMessage()).replace(System.lineSeparator(), " ").replaceAll(" {2,}", " "));
		return Optional.empty();
	}

	/**
	 * Reports leaks the run held, which no test can be failed for (made outside every
	 * test, or by a test's thread after the test's class ended), at the end of the next
	 * test class that can fail, when leaks fail tests: so that the build shows them. The
	 * leaks that {@code excuses} excuses fail nothing.
	 * @param testClass the id of the test class that ends
	 * @param leaks the leaks, each reported against the run or the test whose thread made
	 * it
	 * @param excuses why a leak does not fail, {@code null} when it does
	 * @return the error to fail {@code testClass} with, saying it did not make them
	 */
	public static Optional<TempFileLeakError> reportRunLeaks(String testClass, List<Leak> leaks,
			Function<Leak, @Nullable String> excuses) {
		List<Leak> failing = notExcused("the run", leaks, excuses);
		if (failing.isEmpty()) {
			return Optional.empty();
		}
		boolean one = failing.size() == 1;
		String heading = "tempguard: the run leaked " + failing.size() + (one ? " temporary path" : " temporary paths")
				+ " that no test can be failed for: made outside every test, or by a test's thread after that"
				+ " test's class ended. " + testClass + " fails for " + (one ? "it" : "them")
				+ " only because it is the next test class to end, so that the build shows " + (one ? "it" : "them")
				+ "; it did not make " + (one ? "it:" : "them:");
		return Optional.of(new TempFileLeakError("run", failing, heading));
	}

	// the leaks that fail; those excused are logged at debug level only, the summary
	// counts them
	private static List<Leak> notExcused(String context, List<Leak> all, Function<Leak, @Nullable String> excuses) {
		List<Leak> leaks = new ArrayList<>();
		List<String> excused = new ArrayList<>();
		for (Leak leak : all) {
			String excuse = excuses.apply(leak);
			if (excuse != null) {
				excused.add(leak.path() + " (" + excuse + ")");
			}
			else {
				leaks.add(leak);
			}
		}
		if (!excused.isEmpty() && logger.isDebugEnabled()) {
			logger.debug(context + " left " + excused.size() + " temporary path(s) that do not fail it: "
					+ String.join(", ", excused));
		}
		return leaks;
	}

}
