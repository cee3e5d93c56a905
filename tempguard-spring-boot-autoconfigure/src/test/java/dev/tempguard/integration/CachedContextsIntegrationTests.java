package dev.tempguard.integration;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.runtime.TempGuardRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several cached application contexts in one JVM, switched back and forth so that Spring
 * Framework 7 pauses and restarts them (its default,
 * {@code spring.test.context.cache.pause=on_context_switch}): each test's files are
 * tracked and cleaned whichever context made them, each with the settings of its own
 * context. The first context fails on leaks and has a root-dir of its own, the second
 * only logs leaks and has another one; each test leaves a file that an injected fault
 * refuses to delete.
 */
class CachedContextsIntegrationTests {

	private static final String FIRST_ROOT_DIR = FixtureApplication.ROOT_DIR + "-first";

	private static final String SECOND_ROOT_DIR = FixtureApplication.ROOT_DIR + "-second";

	/** The files that the injected fault refuses to delete. */
	private static final Set<Path> refused = ConcurrentHashMap.newKeySet();

	@AfterEach
	void deleteTheUndeletableFiles() throws IOException {
		for (Path path : refused) {
			Files.deleteIfExists(path);
		}
		refused.clear();
	}

	@Test
	void testsOfSeveralCachedAndPausedContextsAreEachCleanedWithTheirOwnSettings() {
		EngineExecutionResults results;
		try (InjectedFaults.Injection injection = InjectedFaults.inject(TempGuardRuntime.get().engines(),
				(operation, path) -> {
					if (operation.equals("delete") && refused.contains(path)) {
						throw new FileSystemException(path.toString(), null, "Operation not permitted");
					}
				})) {
			results = FixtureRuns.run(List.of(FirstContext.class, SecondContext.class, FirstContextAgain.class));
		}

		assertThat(FixtureRuns.contexts.get("context")).as("application contexts used")
			.hasSize(3)
			.satisfies((ids) -> assertThat(ids.get(0)).isEqualTo(ids.get(2)).isNotEqualTo(ids.get(1)));
		assertThat(FixtureRuns.contexts.get("test")).containsExactly(FirstContext.class.getName() + "#creates[1]",
				SecondContext.class.getName() + "#creates[1]", FirstContextAgain.class.getName() + "#creates[1]");
		assertThat(FixtureRuns.contexts.get("firstRunning")).as("first context running during each test")
			.containsExactly("true", "false", "true");
		assertThat(FixtureRuns.created.get("file")).hasSize(3).allSatisfy((path) -> assertThat(path).doesNotExist());
		assertThat(FixtureRuns.created.get("file")).extracting(Path::getParent)
			.extracting(Path::getParent)
			.as("each in the root-dir of its context")
			.containsExactly(rootDir(FIRST_ROOT_DIR), rootDir(SECOND_ROOT_DIR), rootDir(FIRST_ROOT_DIR));
		List<Path> undeletable = FixtureRuns.created.get("undeletable");
		assertThat(failuresByClass(results)).as("tempguard.fail-on-leak of each context")
			.containsOnlyKeys(FirstContext.class.getName(), FirstContextAgain.class.getName())
			.hasEntrySatisfying(FirstContext.class.getName(),
					(failure) -> assertThat(failure).isInstanceOf(TempFileLeakError.class)
						.hasMessageContaining(undeletable.get(0).toString()))
			.hasEntrySatisfying(FirstContextAgain.class.getName(),
					(failure) -> assertThat(failure).isInstanceOf(TempFileLeakError.class)
						.hasMessageContaining(undeletable.get(2).toString()));
		results.testEvents().assertStatistics((stats) -> stats.started(3).succeeded(1).failed(2));
	}

	private static Map<String, Throwable> failuresByClass(EngineExecutionResults results) {
		return results.testEvents()
			.failed()
			.stream()
			.collect(Collectors.toMap((event) -> event.getTestDescriptor()
				.getSource()
				.map((source) -> ((MethodSource) source).getClassName())
				.orElseThrow(), FixtureRuns::throwableOf));
	}

	private static Path rootDir(String rootDir) {
		return Path.of(rootDir).toAbsolutePath().normalize();
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
			Path undeletable = this.registry.createFile("cannot be deleted", "txt");
			refused.add(undeletable);
			FixtureRuns.record("undeletable", undeletable);
			FixtureRuns.recordContext("test", this.registry.currentContext().orElse("run"));
			FixtureRuns.recordContext("context", String.valueOf(System.identityHashCode(this.context)));
			if (this instanceof FirstContext) {
				first = (ConfigurableApplicationContext) this.context;
			}
			FixtureRuns.recordContext("firstRunning", String.valueOf(first.isRunning()));
		}

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FIRST_ROOT_DIR, "tempguard.fail-on-leak=true",
					"spring.application.name=first" })
	@Order(1)
	static class FirstContext extends Creating {

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + SECOND_ROOT_DIR, "tempguard.fail-on-leak=false",
					"spring.application.name=second" })
	@Order(2)
	static class SecondContext extends Creating {

	}

	@SpringBootTest(classes = FixtureApplication.class,
			properties = { "tempguard.root-dir=" + FIRST_ROOT_DIR, "tempguard.fail-on-leak=true",
					"spring.application.name=first" })
	@Order(3)
	static class FirstContextAgain extends Creating {

	}

}
