package dev.tempguard.junit.platform;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test JVM of its own, as a build starts one: runs a test plan whose test launches a
 * second plan, as a test of a JUnit extension does, and says when each plan ended, for
 * {@link RunEndTests}.
 */
public final class NestedPlansMain {

	private NestedPlansMain() {
	}

	public static void main(String[] args) {
		run(Outer.class);
		System.out.println("OUTER PLAN ENDED");
	}

	static void run(Class<?> testClass) {
		LauncherFactory.create()
			.execute(LauncherDiscoveryRequestBuilder.request()
				.selectors(DiscoverySelectors.selectClass(testClass))
				.build());
	}

	static class Outer {

		@Test
		void launchesAnotherPlan() throws Exception {
			Files.delete(Files.createTempFile("outer-", ".tmp"));
			run(Inner.class);
			System.out.println("INNER PLAN ENDED");
		}

	}

	static class Inner {

		@Test
		void first() throws Exception {
			Path file = Files.createTempFile("inner-", ".tmp");
			Files.delete(file);
		}

		@Test
		void second() {
		}

	}

}
