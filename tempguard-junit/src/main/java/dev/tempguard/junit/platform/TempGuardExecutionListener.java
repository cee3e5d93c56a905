package dev.tempguard.junit.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import dev.tempguard.agent.Interception;
import dev.tempguard.internal.runtime.RunEnd;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Guards every test of every engine on the JUnit Platform, with no annotation: opens a
 * context when a test or a container starts (on the thread that runs it, before any of
 * its callbacks), binds that thread, and ends the context when it finishes (after all of
 * its callbacks), unless an integration inside the engine (the Jupiter extension, the
 * Spring listener) ended it already, as they do to fail a test that leaked. Reads the
 * run's {@code tempguard.*} settings from the JUnit configuration parameters (and system
 * properties) when the outermost test plan starts, and ends the run when it finishes.
 */
public final class TempGuardExecutionListener implements TestExecutionListener {

	private static final AtomicInteger runningPlans = new AtomicInteger();

	private final TempGuardRuntime runtime;

	private final Map<UniqueId, TestLifecycle.Opened> opened = new ConcurrentHashMap<>();

	private volatile @Nullable TestPlan plan;

	// this test plan's own settings: a plan launched by a test may set others than the
	// run's
	private volatile @Nullable TempGuardSettings settings;

	public TempGuardExecutionListener() {
		this(TempGuardRuntime.get());
	}

	TempGuardExecutionListener(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.plan = testPlan;
		runningPlans.incrementAndGet();
		Supplier<TempGuardSettings> settings = () -> TempGuardSettings
			.from((key) -> testPlan.getConfigurationParameters().get(key).orElse(null));
		this.runtime.configure(settings, testPlan.getConfigurationParameters().get("tempguard.enabled").isPresent());
		try {
			TempGuardSettings read = settings.get();
			this.settings = read;
			if (read.enabled() && this.runtime.enabled()) {
				Interception.start(this.runtime, read.agent());
				// a plan launched by a test may watch more directories than the run's
				this.runtime.watch(read.leakDetection());
			}
		}
		catch (RuntimeException ex) {
			// the runtime, or tempguard's extension, reports it, naming the setting
			this.settings = null;
		}
	}

	@Override
	public void executionStarted(TestIdentifier testIdentifier) {
		TestPlan current = this.plan;
		TempGuardSettings planSettings = this.settings;
		if (current == null || planSettings == null || !planSettings.enabled() || !this.runtime.enabled()) {
			return;
		}
		TestLifecycle.Opened parent = testIdentifier.getParentIdObject().map(this.opened::get).orElse(null);
		JUnitNodes.of(testIdentifier, parent).ifPresent((node) -> {
			TestLifecycle.Opened context = this.runtime.lifecycle().open(node, planSettings.policy());
			context.scope().claim(TestLifecycle.PLATFORM);
			this.opened.put(testIdentifier.getUniqueIdObject(), context);
		});
	}

	@Override
	public void executionFinished(TestIdentifier testIdentifier, TestExecutionResult result) {
		TestLifecycle.Opened context = this.opened.remove(testIdentifier.getUniqueIdObject());
		if (context == null) {
			return;
		}
		try {
			if (result.getStatus() == TestExecutionResult.Status.FAILED) {
				context.scope().markFailed();
			}
			this.runtime.lifecycle().finish(context.scope(), false);
		}
		finally {
			this.runtime.lifecycle().unbind(context);
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (runningPlans.decrementAndGet() == 0 && this.runtime.enabled()) {
			RunEnd.endRun(this.runtime);
		}
	}

}
