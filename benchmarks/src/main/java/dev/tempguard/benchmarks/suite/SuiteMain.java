package dev.tempguard.benchmarks.suite;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the synthetic suite in this JVM through the JUnit Platform launcher (with whatever
 * test listeners the class path registers: tempguard's when it is there) and prints
 * {@code SUITE_NANOS}, the wall time from the start to the end of
 * {@link MeasuredSuiteTests} (its class callbacks and its 2,000 tests), after
 * {@link WarmUpSuiteTests} has loaded the shared context. It must not use tempguard's
 * classes: it also runs without them.
 */
public final class SuiteMain {

	private SuiteMain() {
	}

	public static void main(String[] args) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(WarmUpSuiteTests.class), selectClass(MeasuredSuiteTests.class))
			.build();
		AtomicLong start = new AtomicLong();
		AtomicLong end = new AtomicLong();
		AtomicInteger warmUpsDone = new AtomicInteger();
		AtomicInteger passed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		TestExecutionListener timer = new TestExecutionListener() {

			@Override
			public void executionStarted(TestIdentifier identifier) {
				if (isClass(identifier, MeasuredSuiteTests.class)) {
					if (warmUpsDone.get() == 0) {
						throw new IllegalStateException("the measured class ran before the warm-up");
					}
					start.set(System.nanoTime());
				}
			}

			@Override
			public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
				if (isClass(identifier, MeasuredSuiteTests.class)) {
					end.set(System.nanoTime());
				}
				if (isClass(identifier, WarmUpSuiteTests.class)) {
					warmUpsDone.incrementAndGet();
				}
				if (identifier.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
					passed.incrementAndGet();
				}
				else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
					failed.incrementAndGet();
					result.getThrowable().ifPresent(Throwable::printStackTrace);
				}
			}

		};
		LauncherFactory.create().execute(request, timer);
		System.out.println("SUITE_NANOS=" + (end.get() - start.get()));
		System.out.println("PASSED=" + passed.get());
		System.out.println("FAILED=" + failed.get());
		System.exit((failed.get() == 0 && end.get() != 0) ? 0 : 1);
	}

	private static boolean isClass(TestIdentifier identifier, Class<?> testClass) {
		return identifier.getSource()
			.filter(ClassSource.class::isInstance)
			.map((source) -> ((ClassSource) source).getClassName().equals(testClass.getName()))
			.orElse(false);
	}

}
