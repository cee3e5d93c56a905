package dev.tempguard.integration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs fixture test classes through the JUnit Platform, as a build would, and keeps what
 * they observed.
 */
public final class FixtureRuns {

	/** Paths that fixtures created, by a name each fixture chooses. */
	public static final Map<String, List<Path>> created = new ConcurrentHashMap<>();

	/** Context ids that fixtures saw, by name. */
	public static final Map<String, List<String>> contexts = new ConcurrentHashMap<>();

	private FixtureRuns() {
	}

	public static void record(String name, Path path) {
		created.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(path);
	}

	public static void recordContext(String name, String context) {
		contexts.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(context);
	}

	/** What an event's test or container threw, or {@code null}. */
	public static Throwable throwableOf(Event event) {
		return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElse(null);
	}

	/**
	 * What the first failed test threw whose method is {@code methodName}, or any when it
	 * is {@code null}.
	 */
	public static Throwable failureOf(EngineExecutionResults results, String methodName) {
		return results.testEvents()
			.failed()
			.stream()
			.filter((event) -> methodName == null
					|| event.getTestDescriptor().getDisplayName().startsWith(methodName + "("))
			.map(FixtureRuns::throwableOf)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failure of " + ((methodName != null) ? methodName : "a test")));
	}

	/** What the first failed container (a test class) threw. */
	public static Throwable classFailureOf(EngineExecutionResults results) {
		return results.containerEvents()
			.failed()
			.stream()
			.map(FixtureRuns::throwableOf)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no class failed"));
	}

	public static List<Path> paths(String name) {
		return created.getOrDefault(name, List.of());
	}

	public static EngineExecutionResults run(Class<?> fixture, String... configuration) {
		return run(List.of(fixture), configuration);
	}

	/**
	 * Runs the fixtures in one test plan, in order, with JUnit configuration parameters
	 * {@code key=value}.
	 */
	public static EngineExecutionResults run(List<Class<?>> fixtures, String... configuration) {
		created.clear();
		contexts.clear();
		EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
			.selectors(fixtures.stream().map((fixture) -> selectClass(fixture)).toArray(DiscoverySelector[]::new))
			.configurationParameter("junit.jupiter.testclass.order.default",
					"org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
		for (String entry : configuration) {
			String[] keyValue = entry.split("=", 2);
			builder = builder.configurationParameter(keyValue[0], keyValue[1]);
		}
		return builder.execute();
	}

}
