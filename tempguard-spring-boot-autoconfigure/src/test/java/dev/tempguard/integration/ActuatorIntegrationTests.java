package dev.tempguard.integration;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.runtime.TempGuardRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code tempguard} actuator endpoint and tempguard's meters, read over HTTP from a
 * running application in a {@code @SpringBootTest}, as a user would. The counters are the
 * JVM's, so each test compares them before and after what it does; a path that cannot be
 * deleted is made by an injected fault.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tempguard.root-dir=" + FixtureApplication.ROOT_DIR,
				"management.endpoints.web.exposure.include=tempguard,metrics" })
class ActuatorIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	TempFileRegistry registry;

	@Autowired
	TempGuardRuntime runtime;

	@Test
	void endpointDescribesWhatTheRunningTestTracksAndCountsExactlyWhatItDid() throws Exception {
		String context = this.registry.currentContext().orElseThrow();
		DocumentContext before = JsonPath.parse(get("/actuator/tempguard").body());
		Path deleted = this.registry.createFile("deleted", "txt");
		this.registry.cleanupContext(context);
		Path stuck = this.registry.createFile("cannot be deleted", "txt");
		try (InjectedFaults.Injection injection = InjectedFaults.inject(this.runtime.engines(), (operation, path) -> {
			if (operation.equals("delete") && path.equals(stuck)) {
				throw new FileSystemException(path.toString(), null, "Operation not permitted");
			}
		})) {
			assertThat(this.registry.cleanupContext(context).failures()).hasSize(1);
		}
		finally {
			Files.delete(stuck);
		}
		Path file = this.registry.createFile("tracked", "txt");

		HttpResponse<String> response = get("/actuator/tempguard");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.rootDirs", List.class))
			.contains(Path.of(FixtureApplication.ROOT_DIR).toAbsolutePath().normalize().toString());
		assertThat(json.read("$.contexts", Integer.class)).isEqualTo(before.read("$.contexts", Integer.class));
		assertThat(json.read("$.totalFiles", Integer.class)).isEqualTo(before.read("$.totalFiles", Integer.class) + 1);
		Map<String, Integer> filesByContext = new TreeMap<>(before.read("$.filesByContext", Map.class));
		filesByContext.put(context, 1);
		assertThat(json.read("$.filesByContext", Map.class)).isEqualTo(filesByContext);
		Map<String, Integer> deltas = Map.of("created", 3, "deleted", 1, "leaked", 1, "cleanupFailures", 1,
				"untrackedLeaks", 0, "kept", 0);
		deltas.forEach((figure, delta) -> assertThat(json.read("$." + figure, Long.class)).as(figure)
			.isEqualTo(before.read("$." + figure, Long.class) + delta));
		assertThat(json.read("$.recentLeaks", List.class)).as("reported when a context ends, not before")
			.isEqualTo(before.read("$.recentLeaks", List.class));
		assertThat(deleted).doesNotExist();

		HttpResponse<String> contextResponse = get(
				"/actuator/tempguard/" + URLEncoder.encode(context, StandardCharsets.UTF_8));

		assertThat(contextResponse.statusCode()).isEqualTo(200);
		DocumentContext contextJson = JsonPath.parse(contextResponse.body());
		assertThat(contextJson.read("$.id", String.class)).isEqualTo(context);
		assertThat(contextJson.read("$.kind", String.class)).isEqualTo("method");
		assertThat(contextJson.read("$.tracked[*].path", List.class)).containsExactly(file.toString());
		assertThat(contextJson.read("$.tracked[0].directory", Boolean.class)).isFalse();
	}

	@Test
	void endpointAnswersNotFoundForAnUnknownContext() throws Exception {
		assertThat(get("/actuator/tempguard/com.example.NoSuchTests").statusCode()).isEqualTo(404);
	}

	@Test
	void createdFilesCanBeReadFromTheMetricsEndpoint() throws Exception {
		HttpResponse<String> before = get("/actuator/metrics/tempguard.files.created?tag=type:file");
		double filesBefore = JsonPath.parse(before.body()).read("$.measurements[0].value", Double.class);
		double trackedBefore = JsonPath.parse(get("/actuator/metrics/tempguard.files.tracked").body())
			.read("$.measurements[0].value", Double.class);
		this.registry.createFile("one", "txt");
		this.registry.createFile("two", "txt");
		this.registry.createDirectory();

		HttpResponse<String> response = get("/actuator/metrics/tempguard.files.created");
		HttpResponse<String> files = get("/actuator/metrics/tempguard.files.created?tag=type:file");

		assertThat(response.statusCode()).isEqualTo(200);
		DocumentContext json = JsonPath.parse(response.body());
		assertThat(json.read("$.name", String.class)).isEqualTo("tempguard.files.created");
		assertThat(json.read("$.baseUnit", String.class)).isEqualTo("files");
		assertThat(json.read("$.measurements[0].statistic", String.class)).isEqualTo("COUNT");
		assertThat(json.read("$.availableTags[?(@.tag == 'type')].values[*]", List.class))
			.containsExactlyInAnyOrder("file", "directory");
		assertThat(JsonPath.parse(files.body()).read("$.measurements[0].value", Double.class) - filesBefore)
			.isEqualTo(2);
		assertThat(get("/actuator/metrics/tempguard.cleanup").statusCode()).isEqualTo(200);
		assertThat(JsonPath.parse(get("/actuator/metrics/tempguard.files.tracked").body())
			.read("$.measurements[0].value", Double.class) - trackedBefore).isEqualTo(3);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
