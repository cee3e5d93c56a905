package dev.tempguard.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.agent.Interception;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.runtime.TestNode;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.junit.platform.JUnitNodes;

/**
 * tempguard for JUnit Jupiter tests: gives a test a {@link TempFileRegistry} as a method
 * or constructor parameter, cleans what each test and class tracked after it, passed or
 * failed, and fails a test (or its class, for {@code @BeforeAll}/{@code @AfterAll}) that
 * leaked when {@code tempguard.fail-on-leak=true}; the test's own failure stays the one
 * reported, the leak added to it as suppressed.
 *
 * <pre class="code">
 * &#064;ExtendWith(TempGuardExtension.class)
 * class ReportTests {
 *
 *     &#064;Test
 *     void exportsCsv(TempFileRegistry registry) {
 *         Path csv = registry.createFile("id,amount\n", "csv");
 *         // ...
 *     }
 *
 * }
 * </pre>
 *
 * Every test on the JUnit Platform is guarded without it; JUnit applies it to every
 * Jupiter test class by itself unless the build configured Jupiter's extension
 * auto-detection (see {@code docs/junit.md}). Settings come from JUnit configuration
 * parameters under the same {@code tempguard.*} names, for example in
 * {@code src/test/resources/junit-platform.properties}; Spring tests keep reading their
 * {@code Environment}.
 */
public final class TempGuardExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(TempGuardExtension.class);

	private final TempGuardRuntime runtime;

	// the settings of the last engine run seen, read once per run rather than looked up
	// in its store for every test
	private volatile @Nullable RunSettings lastRun;

	public TempGuardExtension() {
		this(TempGuardRuntime.get());
	}

	TempGuardExtension(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		enter(context, Scope.Kind.CLASS);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		boolean factory = context.getTestMethod()
			.map((method) -> method.isAnnotationPresent(TestFactory.class))
			.orElse(false);
		enter(context, factory ? Scope.Kind.CONTAINER : Scope.Kind.METHOD);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		exit(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		exit(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TempFileRegistry.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		configure(extensionContext);
		if (!this.runtime.enabled()) {
			throw new ParameterResolutionException("tempguard is off (tempguard.enabled=false), so there is no "
					+ TempFileRegistry.class.getSimpleName() + " to give " + parameterContext.getDeclaringExecutable()
					+ "; remove tempguard.enabled=false, or create the test's files without tempguard");
		}
		return this.runtime.defaultRegistry();
	}

	private void enter(ExtensionContext context, Scope.Kind kind) {
		// a setting that is not valid fails the test, naming it
		TempGuardSettings settings = settings(context);
		this.runtime.configure(() -> settings);
		RuntimeException error = this.runtime.configurationError();
		if (error != null) {
			throw error;
		}
		if (!settings.enabled() || !this.runtime.enabled()) {
			return;
		}
		Interception.start(this.runtime, settings.agent());
		TestLifecycle lifecycle = this.runtime.lifecycle();
		Scope scope = lifecycle.find(context.getUniqueId()).orElse(null);
		if (scope == null) {
			// no JUnit Platform listener opened it (an engine run without the launcher):
			// open it here
			TestLifecycle.Opened opened = lifecycle.open(node(context, kind), settings.policy());
			context.getStore(NAMESPACE).put(context.getUniqueId(), opened);
			scope = opened.scope();
		}
		scope.claim(TestLifecycle.EXTENSION);
		lifecycle.verify(scope);
	}

	private void exit(ExtensionContext context) {
		TestLifecycle lifecycle = this.runtime.lifecycle();
		TestLifecycle.Opened opened = context.getStore(NAMESPACE)
			.remove(context.getUniqueId(), TestLifecycle.Opened.class);
		Optional<Scope> scope = lifecycle.find(context.getUniqueId());
		try {
			if (scope.isPresent()) {
				if (context.getExecutionException().isPresent()) {
					scope.get().markFailed();
				}
				Optional<AssertionError> error = lifecycle.finish(scope.get(), true);
				if (error.isPresent()) {
					throw error.get();
				}
			}
		}
		finally {
			if (opened != null) {
				lifecycle.unbind(opened);
			}
		}
	}

	// where there is no JUnit Platform listener, the engine's configuration parameters
	// are the run's settings
	private void configure(ExtensionContext context) {
		this.runtime.configure(() -> settings(context));
	}

	// read once per engine run, kept in its root context
	private TempGuardSettings settings(ExtensionContext context) {
		ExtensionContext root = context.getRoot();
		RunSettings last = this.lastRun;
		if (last != null && last.root() == root) {
			return last.settings();
		}
		TempGuardSettings settings = root.getStore(NAMESPACE)
			.computeIfAbsent(TempGuardSettings.class,
					(key) -> TempGuardSettings.from((name) -> context.getConfigurationParameter(name).orElse(null)),
					TempGuardSettings.class);
		this.lastRun = new RunSettings(root, settings);
		return settings;
	}

	private static TestNode node(ExtensionContext context, Scope.Kind kind) {
		String className = context.getTestClass().map(Class::getName).orElse(null);
		String methodName = (kind == Scope.Kind.CLASS) ? null
				: context.getTestMethod().map((method) -> method.getName()).orElse(null);
		List<String> names = new ArrayList<>();
		for (ExtensionContext current = context; current.getParent().isPresent(); current = current.getParent().get()) {
			names.add(0, current.getDisplayName());
		}
		return new TestNode(context.getUniqueId(), parentId(context), kind,
				JUnitNodes.id(kind, className, methodName, context.getUniqueId()),
				String.join(JUnitNodes.SEPARATOR, names), context.getTestClass().orElse(null),
				(kind == Scope.Kind.CLASS) ? null : context.getTestMethod().orElse(null));
	}

	private static @Nullable String parentId(ExtensionContext context) {
		return context.getParent().map(ExtensionContext::getUniqueId).orElse(null);
	}

	private record RunSettings(ExtensionContext root, TempGuardSettings settings) {

	}

}
