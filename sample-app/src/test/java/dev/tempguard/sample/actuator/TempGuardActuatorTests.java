package dev.tempguard.sample.actuator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running sample app answers on {@code /actuator/tempguard} and
 * {@code /actuator/metrics}: what the running test tracks, and how many files tempguard
 * created.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TempGuardActuatorTests {

	@LocalServerPort
	int port;

	@Autowired
	TempFileRegistry registry;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theTempguardEndpointShowsWhatTheRunningTestTracks() throws Exception {
		Path fixture = this.registry.createFile("id,customer,amount\n", "csv");
		String context = this.registry.currentContext().orElseThrow();

		DocumentContext json = JsonPath.parse(get("/actuator/tempguard"));

		assertThat(json.read("$.rootDirs", List.class)).isNotEmpty();
		assertThat(json.read("$.filesByContext['" + context + "']", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.created", Long.class)).isGreaterThanOrEqualTo(1);
		assertThat(json.read("$.totalFiles", Integer.class)).isGreaterThanOrEqualTo(1);
		List<String> tracked = JsonPath
			.parse(get("/actuator/tempguard/" + URLEncoder.encode(context, StandardCharsets.UTF_8)))
			.read("$.tracked[*].path");
		assertThat(tracked).containsExactly(fixture.toString());
	}

	@Test
	void theCreatedFilesCounterCountsWhatTheRegistryCreates() throws Exception {
		double before = createdFiles();
		this.registry.createFile("a", "txt");
		this.registry.createFile("b", "txt");

		assertThat(createdFiles() - before).isEqualTo(2.0);
	}

	private double createdFiles() throws Exception {
		List<Number> counts = JsonPath.parse(get("/actuator/metrics/tempguard.files.created?tag=type:file"))
			.read("$.measurements[?(@.statistic == 'COUNT')].value");
		return counts.stream().mapToDouble(Number::doubleValue).sum();
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return response.body();
	}

}
