package dev.tempguard.benchmarks.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs a synthetic suite in this JVM through the JUnit Platform launcher, with whatever
 * test listeners and extensions the class path registers (tempguard's when it is there):
 * a warm-up class first (it loads what the tests share and warms the JIT up), then the
 * measured class. Prints, for the measured class only (its class callbacks and its tests,
 * so JVM start, a one-time agent attach and context loading are not in it):
 * {@code SUITE_NANOS} (wall time), {@code SUITE_CPU_NANOS} (CPU time of the thread that
 * ran it: what tempguard does per test runs on it, nothing waits for another thread) and
 * {@code SUITE_PROCESS_CPU_NANOS} (CPU time of the whole JVM meanwhile: that thread,
 * garbage collection and JIT compilation). Also prints what of tempguard was active, read
 * by reflection: this class must not link to tempguard, it also runs without it.
 * <p>
 * Arguments: the warm-up class, the measured class, the number of tests expected to pass.
 */
public final class SuiteMain {

	/** Tests per block of the measured class. */
	static final int BLOCK = 200;

	private SuiteMain() {
	}

	public static void main(String[] args) throws ClassNotFoundException {
		Class<?> warmUpClass = Class.forName(args[0]);
		Class<?> measuredClass = Class.forName(args[1]);
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(warmUpClass), selectClass(measuredClass))
			.build();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long[] start = new long[3];
		long[] end = new long[3];
		AtomicReference<Thread> measuring = new AtomicReference<>();
		AtomicInteger warmUpsDone = new AtomicInteger();
		AtomicInteger passed = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicLong ended = new AtomicLong();
		AtomicReference<String> tempguard = new AtomicReference<>("not probed");
		List<Long> blockCpu = new ArrayList<>();
		List<Long> blockWall = new ArrayList<>();
		long[] blockStart = new long[2];
		AtomicInteger measuredTests = new AtomicInteger();
		TestExecutionListener timer = new TestExecutionListener() {

			@Override
			public void executionStarted(TestIdentifier identifier) {
				if (isClass(identifier, measuredClass)) {
					if (warmUpsDone.get() == 0) {
						throw new IllegalStateException("the measured class ran before the warm-up");
					}
					measuring.set(Thread.currentThread());
					start[2] = processCpuTime(system);
					start[1] = threads.getCurrentThreadCpuTime();
					start[0] = System.nanoTime();
					blockStart[0] = start[0];
					blockStart[1] = start[1];
				}
			}

			@Override
			public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
				if (isClass(identifier, measuredClass)) {
					end[0] = System.nanoTime();
					end[1] = threads.getCurrentThreadCpuTime();
					end[2] = processCpuTime(system);
					if (measuring.get() != Thread.currentThread()) {
						throw new IllegalStateException("the measured class ended on another thread than it started");
					}
					ended.set(1);
					// before the run ends, which stops leak detection
					tempguard.set(TempGuardProbe.describe());
				}
				if (identifier.isTest() && measuring.get() == Thread.currentThread() && ended.get() == 0
						&& measuredTests.incrementAndGet() % BLOCK == 0) {
					long cpu = threads.getCurrentThreadCpuTime();
					long wall = System.nanoTime();
					blockCpu.add(cpu - blockStart[1]);
					blockWall.add(wall - blockStart[0]);
					blockStart[0] = wall;
					blockStart[1] = cpu;
				}
				if (isClass(identifier, warmUpClass)) {
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
		System.out.println("SUITE_NANOS=" + (end[0] - start[0]));
		System.out.println("SUITE_CPU_NANOS=" + (end[1] - start[1]));
		System.out.println("SUITE_PROCESS_CPU_NANOS=" + (end[2] - start[2]));
		System.out.println("BLOCK_CPU_NANOS=" + join(blockCpu));
		System.out.println("BLOCK_NANOS=" + join(blockWall));
		System.out.println("PASSED=" + passed.get());
		System.out.println("FAILED=" + failed.get());
		System.out.println("TEMPGUARD=" + tempguard.get());
		System.exit((failed.get() == 0 && ended.get() != 0 && passed.get() == Integer.parseInt(args[2])) ? 0 : 1);
	}

	// in nanoseconds from Linux's scheduler, summed over the JVM's threads; else the
	// JVM's figure, in the clock ticks of the system (10 ms)
	private static long processCpuTime(com.sun.management.OperatingSystemMXBean system) {
		Path tasks = Path.of("/proc/self/task");
		if (Files.isDirectory(tasks)) {
			long sum = 0;
			try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
				for (Path thread : threads) {
					String schedstat = Files.readString(thread.resolve("schedstat"));
					sum += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
				}
				return sum;
			}
			catch (IOException | RuntimeException ex) {
				// a thread ended while listed: the JVM's figure
			}
		}
		return system.getProcessCpuTime();
	}

	private static String join(List<Long> values) {
		return values.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static boolean isClass(TestIdentifier identifier, Class<?> testClass) {
		return identifier.getSource()
			.filter(ClassSource.class::isInstance)
			.map((source) -> ((ClassSource) source).getClassName().equals(testClass.getName()))
			.orElse(false);
	}

}
