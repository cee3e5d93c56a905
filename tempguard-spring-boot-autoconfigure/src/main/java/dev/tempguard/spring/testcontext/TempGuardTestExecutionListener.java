package dev.tempguard.spring.testcontext;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Conventions;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.disposition.Allowances;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Gives each Spring test's context the settings of the test's application context
 * ({@code tempguard.cleanup}, {@code fail-on-leak},
 * {@code leak-detection.delete-untracked}), and ends it after {@code @AfterEach} (method)
 * or {@code @AfterAll} (class), whatever the outcome, unless tempguard's Jupiter
 * extension ends it later. A leak fails the test with {@link TempFileLeakError} when
 * {@code tempguard.fail-on-leak=true}; a test's own failure stays the primary error and
 * the leak is added to it as suppressed. A test that injects the registry where tempguard
 * is off fails saying so (see {@link RegistryInjectionCheck}).
 * <p>
 * The context is the one tempguard's JUnit Platform listener opened for the test on this
 * thread; where there is none (a test run without the JUnit Platform launcher), this
 * listener opens one itself. Per-test state lives in {@link TestContext} attributes: one
 * listener instance serves every method of a class, and methods may run in parallel.
 */
class TempGuardTestExecutionListener extends AbstractTestExecutionListener {

	/**
	 * Before every listener of Spring and Spring Boot, so that the context is open for
	 * all their callbacks, and its cleanup runs after all of theirs.
	 */
	static final int ORDER = 100;

	private static final String CLASS_SCOPE = Conventions
		.getQualifiedAttributeName(TempGuardTestExecutionListener.class, "classScope");

	private static final String METHOD_SCOPE = Conventions
		.getQualifiedAttributeName(TempGuardTestExecutionListener.class, "methodScope");

	private static final String POLICY = Conventions.getQualifiedAttributeName(TempGuardTestExecutionListener.class,
			"policy");

	private final TempGuardRuntime runtime;

	TempGuardTestExecutionListener() {
		this(TempGuardRuntime.get());
	}

	TempGuardTestExecutionListener(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void beforeTestClass(TestContext testContext) {
		if (!this.runtime.enabled()) {
			return;
		}
		Scope scope = bound(Scope.Kind.CLASS, testContext.getTestClass());
		OpenScope open = (scope != null) ? new OpenScope(scope, null, false)
				: opened(this.runtime.scopes().openClass(testContext.getTestClass()), testContext.getTestClass());
		open.scope().claim(TestLifecycle.SPRING);
		testContext.setAttribute(CLASS_SCOPE, open);
		this.runtime.lifecycle().verify(open.scope());
	}

	/**
	 * Before Spring injects the test instance: one that injects tempguard's registry
	 * where tempguard is off fails saying why.
	 */
	@Override
	public void prepareTestInstance(TestContext testContext) {
		RegistryInjectionCheck.failIfOff(testContext);
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!this.runtime.enabled()) {
			return;
		}
		Scope scope = bound(Scope.Kind.METHOD, testContext.getTestClass());
		OpenScope open = (scope != null) ? new OpenScope(scope, null, false)
				: opened(
						this.runtime.scopes()
							.openMethod(testContext.getTestClass(), testContext.getTestMethod().getName()),
						testContext.getTestMethod());
		open.scope().claim(TestLifecycle.SPRING);
		resolvePolicy(testContext).ifPresent((policy) -> remember(open.scope(), policy));
		testContext.setAttribute(METHOD_SCOPE, open);
		// the baseline of the test's application context, now that it is known
		this.runtime.lifecycle().verify(open.scope());
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		StartupScopeBinding.endAbandonedStarts();
		OpenScope open = (OpenScope) testContext.removeAttribute(METHOD_SCOPE);
		if (open == null) {
			return;
		}
		Throwable testException = testContext.getTestException();
		if (testException != null) {
			open.scope().markFailed();
		}
		finish(open, testContext, testException);
	}

	@Override
	public void afterTestClass(TestContext testContext) {
		// a context that failed to start on this thread is no longer starting
		StartupScopeBinding.endAbandonedStarts();
		OpenScope open = (OpenScope) testContext.removeAttribute(CLASS_SCOPE);
		try {
			if (open != null) {
				finish(open, testContext, null);
			}
		}
		finally {
			// JUnit keeps a class's test context until the run ends: not its application
			// context with it
			testContext.removeAttribute(POLICY);
		}
	}

	// the context tempguard's JUnit Platform listener opened for this test on this thread
	private @Nullable Scope bound(Scope.Kind kind, Class<?> testClass) {
		Scope scope = this.runtime.scopes().bound();
		boolean matches = scope != null && scope.isOpen() && !scope.finished() && scope.kind() == kind
				&& testClass.equals(scope.testClass());
		return matches ? scope : null;
	}

	private OpenScope opened(Scope scope, AnnotatedElement testElement) {
		// named as JUnit names a test: its class and method, no invocation number
		String testClass = (scope.testClass() != null) ? scope.testClass().getName() : scope.id();
		String className = testClass.substring(testClass.lastIndexOf('.') + 1);
		int method = scope.id().indexOf('#');
		scope.displayName((method < 0) ? className
				: className + " > " + scope.id().substring(method + 1).replaceFirst("\\[\\d+\\]$", "") + "()");
		scope.allowLeaks(Allowances.declaredOn(testElement));
		this.runtime.leakDetector().opened(scope);
		return new OpenScope(scope, this.runtime.scopes().bind(scope, true), true);
	}

	private void finish(OpenScope open, TestContext testContext, @Nullable Throwable testException) {
		Scope scope = open.scope();
		try {
			if (open.owned() || scope.claimed() == TestLifecycle.SPRING) {
				Optional<CleanupPolicy> policy = resolvePolicy(testContext);
				if (policy.isPresent() && scope.policy() == null) {
					remember(scope, policy.get());
				}
				Optional<AssertionError> error = this.runtime.lifecycle().finish(scope, true);
				if (error.isPresent()) {
					throw error.get();
				}
			}
		}
		catch (RuntimeException | AssertionError ex) {
			// the test's own failure stays the one reported
			if (testException == null) {
				throw ex;
			}
			testException.addSuppressed(ex);
		}
		finally {
			if (open.owned()) {
				this.runtime.scopes().restore(open.previous());
			}
		}
	}

	// The settings of the test's application context, once it is loaded; never loads one
	// itself. Kept for the class while that context is active: asking Spring's context
	// cache at every test costs more than the rest of the listener.
	private Optional<CleanupPolicy> resolvePolicy(TestContext testContext) {
		if (testContext.getAttribute(POLICY) instanceof ResolvedPolicy resolved && resolved.context().isActive()) {
			return resolved.policy();
		}
		if (!testContext.hasApplicationContext()) {
			return Optional.empty();
		}
		ApplicationContext context = testContext.getApplicationContext();
		Optional<CleanupPolicy> policy = Optional
			.ofNullable(context.getBeanProvider(TempGuardSettings.class).getIfAvailable())
			.map(TempGuardSettings::policy);
		if (context instanceof ConfigurableApplicationContext configurable) {
			// a context closed since (dirtied, evicted from the cache) is asked again
			testContext.setAttribute(POLICY, new ResolvedPolicy(configurable, policy));
		}
		return policy;
	}

	// A test's application context decides how it is cleaned, and its class's too (the
	// run keeps its own).
	private static void remember(Scope scope, CleanupPolicy policy) {
		scope.policy(policy);
		for (Scope parent = scope.parent(); parent != null
				&& parent.kind() != Scope.Kind.RUN; parent = parent.parent()) {
			parent.policy(policy);
		}
	}

	/**
	 * A test's context as this listener holds it.
	 *
	 * @param scope the context
	 * @param previous the thread's binding before, when this listener bound it
	 * @param owned whether this listener opened it (no JUnit Platform listener did)
	 */
	private record OpenScope(Scope scope, Scopes.@Nullable Binding previous, boolean owned) {

	}

	/**
	 * The settings an application context gave.
	 *
	 * @param context the context
	 * @param policy its settings, if it has tempguard's
	 */
	private record ResolvedPolicy(ConfigurableApplicationContext context, Optional<CleanupPolicy> policy) {

	}

}
