package dev.tempguard.integration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.support.UserName;
import dev.tempguard.testing.ChildRuns;
import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a suite of real {@code @SpringBootTest} classes leaves in {@code java.io.tmpdir},
 * listed once its test JVM exited: each run is a JVM of its own with a
 * {@code java.io.tmpdir} of its own ({@link ChildRuns}). The suite is shaped like
 * spring-petclinic's: two {@code RANDOM_PORT} classes with different configurations (two
 * embedded Tomcats, one with persistent sessions in Spring Boot's {@code ApplicationTemp}
 * directory), one {@code MOCK} class and a plain unit test. tempguard's agent is attached
 * to each child, as it is where users run their tests: what a context leaves is deleted
 * only when the agent saw the JVM make it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FrameworkLeftoversProcessTests {

	// on Java 21 and later the agent attaches itself to the child as on 17, as this
	// module's surefire argLine lets it (users give -javaagent, see docs/agent.md)
	private static final List<String> AGENT = List.of("-XX:+IgnoreUnrecognizedVMOptions",
			"-XX:+EnableDynamicAgentLoading");

	private static final List<Class<?>> SUITE = List.of(ClinicIntegrationTests.class, PersistentSessionTests.class,
			MockEnvironmentTests.class, UnitTests.class);

	@TempDir
	Path work;

	@Test
	void aRandomPortSuiteLeavesNothingInJavaIoTmpdirButTempguardsEmptyRootDir() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, AGENT, SUITE);

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).doesNotContain("[child] FAILED")
			.containsPattern("\\[fixture\\] while running: .*tomcat\\.0\\.")
			.contains("[tempguard]   framework leftovers: 5 made while application contexts started,"
					+ " 5 deleted once they close, 0 left by start-up, not deleted");
		assertThat(ChildRuns.names(tmpdir())).containsExactly(rootDirName());
		assertThat(tmpdir().resolve(rootDirName())).isEmptyDirectory();
	}

	@Test
	void whatAStartUpLeavesThatMatchesNothingIsListedWithItsSizeAndLeft() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, AGENT, List.of(StartupCacheTests.class));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("[tempguard]   leaks by test: none")
			.containsPattern("\\[tempguard\\]   framework leftovers: 3 made while application contexts started,"
					+ " 2 deleted once they close, 1 left by start-up, not deleted\n"
					+ "\\[tempguard\\]     .*/startup-cache-[0-9]+  \\(12 B in 2 files\\)\n");
		assertThat(ChildRuns.names(tmpdir())).hasSize(2)
			.contains(rootDirName())
			.anySatisfy((name) -> assertThat(name).startsWith("startup-cache-"));
	}

	@Test
	void aGlobOfTheSpringPropertyMakesItAFrameworkLeftoverThatIsDeleted() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, AGENT, List.of(StartupCacheCataloguedTests.class));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("framework leftovers: 3 made while application contexts started,"
				+ " 3 deleted once they close, 0 left by start-up, not deleted");
		assertThat(ChildRuns.names(tmpdir())).containsExactly(rootDirName());
	}

	@Test
	void aTomcatDirectoryAnotherProcessMakesWhileAContextStartsSurvivesAndIsListedAsLeftSayingWhy() throws Exception {
		Processes.Result result = ChildRuns.run(this.work, AGENT, List.of(SharedTmpdirTests.class));

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output())
			.contains("[tempguard]   framework leftovers: 3 made while application contexts"
					+ " started, 2 deleted once they close, 1 left by start-up, not deleted")
			.containsPattern("\\[tempguard\\]     .*/" + SharedTmpdirApplication.OTHER_BUILDS.replace(".", "\\.")
					+ "  \\(.*, Tomcat work directory; not seen made by this JVM: .*; it may be another process's,"
					+ " so it is not deleted\\)\n");
		assertThat(ChildRuns.names(tmpdir())).containsExactlyInAnyOrder(rootDirName(),
				SharedTmpdirApplication.OTHER_BUILDS);
	}

	@Test
	void theLeftoversOfAJvmThatDiedAreDeletedByTheNextRunsSweep() throws Exception {
		Processes.Result died = ChildRuns.run(this.work, AGENT, List.of(DyingTests.class));
		assertThat(died.exitCode()).as(died.output()).isEqualTo(DyingTests.EXIT_CODE);
		List<String> left = ChildRuns.names(tmpdir());
		assertThat(left).contains(rootDirName()).anySatisfy((name) -> assertThat(name).startsWith("tomcat.0."));
		Path orphan = ChildRuns.names(tmpdir().resolve(rootDirName()))
			.stream()
			.map(tmpdir().resolve(rootDirName())::resolve)
			.findFirst()
			.orElseThrow();
		assertThat(orphan.resolve(LeftoverRecord.FILE)).as("recorded when the context started").exists();

		Processes.Result next = ChildRuns.run(this.work, AGENT, List.of(UnitTests.class));

		assertThat(next.exitCode()).as(next.output()).isZero();
		// Mockito's agent jar stays too: the JVM that died could not delete it on exit
		assertThat(ChildRuns.names(tmpdir())).contains(rootDirName()).noneMatch((name) -> name.startsWith("tomcat"));
		assertThat(orphan.resolve(LeftoverRecord.FILE)).as("nothing left to record").doesNotExist();
	}

	private Path tmpdir() {
		return ChildRuns.tmpdir(this.work);
	}

	private static String rootDirName() {
		return "tempguard-" + UserName.forFileName();
	}

	/** The application of the suite: one endpoint. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(ClinicApplication.OwnerController.class)
	static class ClinicApplication {

		@RestController
		static class OwnerController {

			@GetMapping("/owners/1")
			String owner() {
				return "George Franklin";
			}

		}

	}

	@SpringBootTest(classes = ClinicApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	static class ClinicIntegrationTests {

		@LocalServerPort
		int port;

		@Test
		void showsAnOwner() throws Exception {
			assertThat(get(this.port, "/owners/1")).isEqualTo("George Franklin");
			try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
				System.out.println("[fixture] while running: "
						+ String.join(" ", entries.map((entry) -> entry.getFileName().toString()).sorted().toList()));
			}
		}

	}

	@SpringBootTest(classes = ClinicApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "server.servlet.session.persistent=true")
	static class PersistentSessionTests {

		@LocalServerPort
		int port;

		@Test
		void showsAnOwner() throws Exception {
			assertThat(get(this.port, "/owners/1")).isEqualTo("George Franklin");
		}

	}

	@SpringBootTest(classes = ClinicApplication.class)
	static class MockEnvironmentTests {

		@Test
		void starts() {
		}

	}

	static class UnitTests {

		@Test
		void computes() {
			assertThat(1 + 1).isEqualTo(2);
		}

	}

	/** An application whose start makes a directory that no catalogue knows. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StartupCacheApplication {

		@Bean
		Path startupCache() throws IOException {
			Path cache = Files.createTempDirectory("startup-cache-");
			Files.writeString(cache.resolve("index"), "1234567");
			Files.writeString(cache.resolve("data"), "12345");
			return cache;
		}

	}

	@SpringBootTest(classes = StartupCacheApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	static class StartupCacheTests {

		@Test
		void starts() {
		}

	}

	@SpringBootTest(classes = StartupCacheApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "tempguard.leak-detection.framework-leftovers=startup-cache-*")
	static class StartupCacheCataloguedTests {

		@Test
		void starts() {
		}

	}

	/**
	 * An application whose start coincides with another process making a Tomcat work
	 * directory in the same {@code java.io.tmpdir}, as another surefire fork or a
	 * parallel build does in a shared {@code /tmp}.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class SharedTmpdirApplication {

		static final String OTHER_BUILDS = "tomcat.8080.4242424242";

		@Bean
		Path otherBuildsTomcat() throws IOException, InterruptedException {
			Path theirs = Path.of(System.getProperty("java.io.tmpdir"), OTHER_BUILDS);
			Process mkdir = new ProcessBuilder("mkdir", theirs.toString()).inheritIO().start();
			if (mkdir.waitFor() != 0) {
				throw new IllegalStateException("mkdir " + theirs + " failed");
			}
			return theirs;
		}

	}

	@SpringBootTest(classes = SharedTmpdirApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	static class SharedTmpdirTests {

		@Test
		void starts() {
		}

	}

	/**
	 * A test JVM that dies while its application context is open: no shutdown hook runs.
	 */
	@SpringBootTest(classes = ClinicApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	static class DyingTests {

		static final int EXIT_CODE = 37;

		@Test
		void dies() {
			Runtime.getRuntime().halt(EXIT_CODE);
		}

	}

	private static String get(int port, String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
