package dev.tempguard.internal.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.disposition.Allowances;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.CleanupPolicy;

/**
 * The life of a test's context, shared by the adapters of one test: the JUnit Platform
 * listener (it sees every test of every engine), the Jupiter extension and the Spring
 * listener (they run inside the test engine, so they can fail a test). Whoever comes
 * first opens the context and binds the test's thread; each integration claims the
 * context at its level, and the one with the highest claim ends it at its end callback,
 * because its callbacks are the last to run: the extension's wrap Spring's, and both run
 * before the Platform's. Ending a context twice does nothing, so the Platform listener
 * ends any that nobody else did.
 */
public final class TestLifecycle {

	/** The claim of the JUnit Platform listener: it cannot fail a test. */
	public static final int PLATFORM = 1;

	/** The claim of the Spring TestContext listener. */
	public static final int SPRING = 2;

	/** The claim of the Jupiter extension. */
	public static final int EXTENSION = 3;

	private static final Log logger = LogFactory.getLog(TestLifecycle.class);

	private final TempGuardRuntime runtime;

	private final Map<String, Scope> byUniqueId = new ConcurrentHashMap<>();

	TestLifecycle(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	/** The open context of the node with that unique id. */
	public Optional<Scope> find(String uniqueId) {
		Scope scope = this.byUniqueId.get(uniqueId);
		return (scope != null && scope.isOpen()) ? Optional.of(scope) : Optional.empty();
	}

	/**
	 * Opens the context of {@code node} inside its parent's (else inside the context the
	 * calling thread works for: a test that launches tests), and binds the calling thread
	 * to it.
	 * @param policy how it is cleaned, as the settings of the framework that runs it say;
	 * an integration that knows better (Spring, with the test's application context) may
	 * change it later
	 * @return the context and the calling thread's previous binding, to give to
	 * {@link #unbind}
	 */
	public Opened open(TestNode node, CleanupPolicy policy) {
		Scopes scopes = this.runtime.scopes();
		Scope parent = (node.parentUniqueId() != null) ? this.byUniqueId.get(node.parentUniqueId()) : null;
		if (parent == null || !parent.isOpen()) {
			parent = scopes.enclosingOfNew();
		}
		Scope scope = scopes.open(node.id(), node.kind(), parent, node.testClass());
		scope.displayName(node.displayName());
		scope.allowLeaks(
				Allowances.declaredOn((node.kind() == Scope.Kind.CLASS) ? node.testClass() : node.testMethod()));
		scope.policy(policy);
		this.runtime.leakDetector().opened(scope);
		this.byUniqueId.put(node.uniqueId(), scope);
		return new Opened(node.uniqueId(), scope, scopes.bind(scope, true));
	}

	/** Puts back the calling thread's binding from before {@link #open}. */
	public void unbind(Opened opened) {
		this.byUniqueId.remove(opened.uniqueId(), opened.scope());
		this.runtime.scopes().restore(opened.previous());
	}

	/**
	 * Checks, when an integration that can fail the test claims {@code scope}, what the
	 * test is run with: its own {@link dev.tempguard.AllowLeaks} and the baseline of its
	 * policy.
	 * @throws IllegalArgumentException to fail the test with, naming the test or the
	 * baseline file and what is wrong
	 */
	public void verify(Scope scope) {
		this.runtime.dispositions().verify(scope, policyOf(scope));
	}

	/**
	 * Ends {@code scope} once (cleans it, finds its leaks, records it), by its own policy
	 * or else the run's.
	 * @param canFail whether the caller can fail the test with the returned error; when
	 * it cannot and leaks fail tests, the leaks go to the closest enclosing context whose
	 * end can (a dynamic test's to its factory's, a test no in-engine integration ended
	 * to its class's), else they are only reported; when it can, a test class fails for
	 * the leaks the run holds too (see {@link ScopeEnd#finish})
	 * @return the error to fail the test with: a {@link TempFileLeakError}, or, at the
	 * end of a class, baseline entries that no longer happen
	 */
	public Optional<AssertionError> finish(Scope scope, boolean canFail) {
		CleanupPolicy policy = policyOf(scope);
		if (!canFail && scope.claimed() <= PLATFORM && !scope.finished()) {
			// no integration that can fail the test checked its @AllowLeaks
			try {
				Allowances.check(scope);
			}
			catch (IllegalArgumentException ex) {
				logger.error(ex.getMessage() + "; its leaks count as new");
			}
		}
		Optional<AssertionError> error = ScopeEnd.finish(this.runtime, scope, policy, canFail);
		if (error.isEmpty() || canFail) {
			return error;
		}
		Scope failable = failableAbove(scope);
		if (failable != null && error.get() instanceof TempFileLeakError leakError) {
			failable.escalate(leakError.leaks());
		}
		else {
			logger.error(error.get().getMessage() + System.lineSeparator() + "  tempguard could not fail " + scope.id()
					+ " for it: add @ExtendWith(dev.tempguard.junit.TempGuardExtension.class) to the"
					+ " test class, or let JUnit detect tempguard's extension (see docs/junit.md)");
		}
		return Optional.empty();
	}

	// the closest open context above scope that an integration inside the engine will end
	private @Nullable Scope failableAbove(Scope scope) {
		for (Scope parent = scope.parent(); parent != null; parent = parent.parent()) {
			if (parent.isOpen() && !parent.finished() && parent.claimed() > PLATFORM) {
				return parent;
			}
		}
		return null;
	}

	/**
	 * The policy of {@code scope}: its own, an enclosing context's, or the run's
	 * settings.
	 */
	public CleanupPolicy policyOf(Scope scope) {
		for (Scope current = scope; current != null; current = current.parent()) {
			CleanupPolicy policy = current.policy();
			if (policy != null) {
				return policy;
			}
		}
		return this.runtime.defaultPolicy();
	}

	/**
	 * A context opened by {@link #open}.
	 *
	 * @param uniqueId the unique id of its node
	 * @param scope the context
	 * @param previous the calling thread's binding before
	 */
	public record Opened(String uniqueId, Scope scope, Scopes.@Nullable Binding previous) {

	}

}
