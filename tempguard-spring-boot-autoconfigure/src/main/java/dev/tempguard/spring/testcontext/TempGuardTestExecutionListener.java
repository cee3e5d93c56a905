package dev.tempguard.spring.testcontext;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Conventions;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.runtime.ScopeEnd;

/**
 * Opens a context per test class and per test method invocation, binds the test's thread
 * to it, and cleans it after {@code @AfterEach} (method) or {@code @AfterAll} (class),
 * whatever the outcome. A leak fails the test with {@link TempFileLeakError} when
 * {@code tempguard.fail-on-leak=true}; a test's own failure stays the primary error and
 * the leak is added to it as suppressed.
 * <p>
 * Per-test state lives in {@link TestContext} attributes: one listener instance serves
 * every method of a class, and methods may run in parallel.
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
		Scopes scopes = this.runtime.scopes();
		Scope scope = scopes.openClass(testContext.getTestClass());
		this.runtime.leakDetector().opened(scope);
		testContext.setAttribute(CLASS_SCOPE, new OpenScope(scope, scopes.bind(scope, true)));
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		Scopes scopes = this.runtime.scopes();
		Scope scope = scopes.openMethod(testContext.getTestClass(), testContext.getTestMethod().getName());
		this.runtime.leakDetector().opened(scope);
		resolvePolicy(testContext).ifPresent((policy) -> remember(scope, policy));
		testContext.setAttribute(METHOD_SCOPE, new OpenScope(scope, scopes.bind(scope, true)));
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
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
		OpenScope open = (OpenScope) testContext.removeAttribute(CLASS_SCOPE);
		if (open != null) {
			finish(open, testContext, null);
		}
	}

	private void finish(OpenScope open, TestContext testContext, @Nullable Throwable testException) {
		Scope scope = open.scope();
		this.runtime.scopes().restore(open.previous());
		try {
			Optional<TempFileLeakError> leak = ScopeEnd.finish(this.runtime, scope, policyOf(scope, testContext));
			if (leak.isPresent()) {
				throw leak.get();
			}
		}
		catch (RuntimeException | AssertionError ex) {
			// the test's own failure stays the one reported
			if (testException == null) {
				throw ex;
			}
			testException.addSuppressed(ex);
		}
	}

	private CleanupPolicy policyOf(Scope scope, TestContext testContext) {
		CleanupPolicy policy = scope.policy();
		if (policy == null) {
			policy = resolvePolicy(testContext).orElse(CleanupPolicy.DEFAULT);
			remember(scope, policy);
		}
		return policy;
	}

	// The settings of the test's application context, once it is loaded; never loads one
	// itself.
	private Optional<CleanupPolicy> resolvePolicy(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return Optional.empty();
		}
		ApplicationContext context = testContext.getApplicationContext();
		return Optional.ofNullable(context.getBeanProvider(TempGuardSettings.class).getIfAvailable())
			.map(TempGuardSettings::policy);
	}

	// Enclosing scopes without settings of their own (a class before its first method,
	// the run) take these.
	private static void remember(Scope scope, CleanupPolicy policy) {
		scope.policy(policy);
		for (Scope parent = scope.parent(); parent != null && parent.policy() == null; parent = parent.parent()) {
			parent.policy(policy);
		}
	}

	private record OpenScope(Scope scope, Scopes.@Nullable Binding previous) {

	}

}
