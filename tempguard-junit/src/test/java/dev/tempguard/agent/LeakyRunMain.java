package dev.tempguard.agent;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test JVM of its own, as a build starts one: runs a test that leaks a temporary file
 * through a JUnit Platform launcher with {@code tempguard.fail-on-leak=true}, and prints
 * the leak's verdict, for {@link AgentAttachmentTests} to read with everything else the
 * JVM printed.
 */
public final class LeakyRunMain {

	private LeakyRunMain() {
	}

	public static void main(String[] args) {
		TestExecutionListener verdicts = new TestExecutionListener() {

			@Override
			public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
				result.getThrowable()
					.ifPresent((failure) -> System.out.println("VERDICT " + failure.getMessage().replace('\n', ' ')));
			}

		};
		LauncherFactory.create()
			.execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(DiscoverySelectors.selectClass(Leaks.class))
				.configurationParameter("tempguard.fail-on-leak", "true")
				.build(), verdicts);
	}

	static class Leaks {

		@Test
		void leaks() throws Exception {
			Path leaked = Files.createTempFile("agent-check-", ".tmp");
			leaked.toFile().deleteOnExit();
		}

	}

}
