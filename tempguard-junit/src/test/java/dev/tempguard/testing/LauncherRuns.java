package dev.tempguard.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs fixture test classes through a real JUnit Platform launcher, as a build does: the
 * launcher's listeners from the class path (tempguard's among them) see every test,
 * unlike a test kit run. Configuration parameters are given as {@code key=value}.
 */
public final class LauncherRuns {

	private LauncherRuns() {
	}

	public static Results run(List<Class<?>> fixtures, String... configuration) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
		for (String entry : configuration) {
			String[] keyValue = entry.split("=", 2);
			parameters.put(keyValue[0], keyValue[1]);
		}
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(fixtures.stream().map(DiscoverySelectors::selectClass).toArray(DiscoverySelector[]::new))
			.configurationParameters(parameters)
			.build();
		Results results = new Results();
		LauncherFactory.create().execute(request, results);
		return results;
	}

	public static Results run(Class<?> fixture, String... configuration) {
		return run(List.of(fixture), configuration);
	}

	/** What a launcher run reported, node by node. */
	public static final class Results implements TestExecutionListener {

		private final List<Finished> finished = new ArrayList<>();

		@Override
		public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			this.finished.add(new Finished(identifier, result));
		}

		public synchronized List<Finished> tests() {
			return this.finished.stream().filter((node) -> node.identifier().isTest()).toList();
		}

		public synchronized List<Finished> containers() {
			return this.finished.stream().filter((node) -> node.identifier().isContainer()).toList();
		}

		/** The test whose display name starts with {@code displayName}. */
		public Finished test(String displayName) {
			return tests().stream()
				.filter((node) -> node.identifier().getDisplayName().startsWith(displayName))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no test " + displayName + " in " + names(tests())));
		}

		/**
		 * The container whose display name is {@code displayName} or ends with
		 * {@code $displayName}.
		 */
		public Finished container(String displayName) {
			return containers().stream()
				.filter((node) -> node.identifier().getDisplayName().equals(displayName)
						|| node.identifier().getDisplayName().endsWith("$" + displayName))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no container " + displayName + " in " + names(containers())));
		}

		private static List<String> names(List<Finished> nodes) {
			return nodes.stream().map((node) -> node.identifier().getDisplayName()).toList();
		}

	}

	/**
	 * A node that finished.
	 *
	 * @param identifier the node
	 * @param result how it ended
	 */
	public record Finished(TestIdentifier identifier, TestExecutionResult result) {

		public boolean succeeded() {
			return this.result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
		}

		/** What it threw, or {@code null}. */
		public @Nullable Throwable failure() {
			return this.result.getThrowable().orElse(null);
		}

		/** What it threw and what was added to that as suppressed. */
		public List<Throwable> failures() {
			Optional<Throwable> thrown = this.result.getThrowable();
			List<Throwable> all = new ArrayList<>();
			thrown.ifPresent((throwable) -> {
				all.add(throwable);
				all.addAll(Arrays.asList(throwable.getSuppressed()));
			});
			return all;
		}

	}

}
