package dev.tempguard.junit.platform;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.runtime.RunEnd;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.ReportHistorySettings;

/**
 * Ends the run when the outermost JUnit Platform test plan of this JVM finishes (a test
 * plan launched from inside a test does not end it): cleans the run context and removes
 * the run directory. The report's history folder of the JUnit configuration parameters
 * (or system properties) is read when the outermost plan starts.
 */
public final class TempGuardRunListener implements TestExecutionListener {

	private static final Log logger = LogFactory.getLog(TempGuardRunListener.class);

	private static final AtomicInteger runningPlans = new AtomicInteger();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		if (runningPlans.incrementAndGet() == 1) {
			reportHistory(testPlan.getConfigurationParameters(), TempGuardRuntime.get().recorder());
		}
	}

	// a history folder named by a JUnit parameter or system property, for the report
	static void reportHistory(ConfigurationParameters parameters, RunRecorder recorder) {
		try {
			ReportHistorySettings history = ReportHistorySettings.from((key) -> parameters.get(key).orElse(null));
			if (history.dir() != null) {
				recorder.reportHistory(history);
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn("tempguard keeps no history of builds: " + ex.getMessage());
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		if (runningPlans.decrementAndGet() == 0) {
			RunEnd.endRun(TempGuardRuntime.get());
		}
	}

}
