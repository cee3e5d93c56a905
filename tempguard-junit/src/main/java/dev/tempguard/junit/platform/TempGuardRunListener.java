package dev.tempguard.junit.platform;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import dev.tempguard.internal.runtime.RunEnd;
import dev.tempguard.internal.runtime.TempGuardRuntime;

/**
 * Ends the run when the outermost JUnit Platform test plan of this JVM finishes (a test
 * plan launched from inside a test does not end it): cleans the run context and removes
 * the run directory.
 */
public final class TempGuardRunListener implements TestExecutionListener {

	private static final AtomicInteger runningPlans = new AtomicInteger();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		runningPlans.incrementAndGet();
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (runningPlans.decrementAndGet() == 0) {
			RunEnd.endRun(TempGuardRuntime.get());
		}
	}

}
