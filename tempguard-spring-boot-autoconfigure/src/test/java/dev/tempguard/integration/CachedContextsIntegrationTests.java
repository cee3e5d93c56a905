package dev.tempguard.integration;

import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several cached application contexts in one JVM, switched back and forth so that Spring
 * Framework 7 pauses and restarts them (its default,
 * {@code spring.test.context.cache.pause=on_context_switch}): each test's files are
 * tracked and cleaned the same way whichever context made them.
 */
class CachedContextsIntegrationTests {

	@Test
	void testsOfSeveralCachedAndPausedContextsAreEachCleanedWithTheirOwnSettings() {
		EngineExecutionResults results = FixtureRuns
			.run(List.of(FirstContext.class, SecondContext.class, FirstContextAgain.class));

		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(3));
		assertThat(FixtureRuns.contexts.get("context")).as("application contexts used")
			.hasSize(3)
			.satisfies((ids) -> assertThat(ids.get(0)).isEqualTo(ids.get(2)).isNotEqualTo(ids.get(1)));
		assertThat(FixtureRuns.contexts.get("test")).containsExactly(FirstContext.class.getName() + "#creates[1]",
				SecondContext.class.getName() + "#creates[1]", FirstContextAgain.class.getName() + "#creates[1]");
		assertThat(FixtureRuns.contexts.get("firstRunning")).as("first context running during each test")
			.containsExactly("true", "false", "true");
		assertThat(FixtureRuns.created.get("file")).hasSize(3).allSatisfy((path) -> assertThat(path).doesNotExist());
	}

	abstract static class Creating {

		static ConfigurableApplicationContext first;

		@Autowired
		TempFileRegistry registry;

		@Autowired
		ApplicationContext context;

		@Test
		void creates() {
			FixtureRuns.record("file", this.registry.createFile("in " + this.context.getId(), "txt"));
			FixtureRuns.recordContext("test", this.registry.currentContext().orElse("run"));
			FixtureRuns.recordContext("context", String.valueOf(System.identityHashCode(this.context)));
			if (this instanceof FirstContext) {
				first = (ConfigurableApplicationContext) this.context;
			}
			FixtureRuns.recordContext("firstRunning", String.valueOf(first.isRunning()));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "spring.application.name=first" })
	@Order(1)
	static class FirstContext extends Creating {

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "spring.application.name=second" })
	@Order(2)
	static class SecondContext extends Creating {

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR, "spring.application.name=first" })
	@Order(3)
	static class FirstContextAgain extends Creating {

	}

}
