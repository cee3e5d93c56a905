package dev.tempguard.sample.report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web endpoints on a real server; their temporary files must not outlive the request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReportControllerTests {

	@LocalServerPort
	int port;

	@Autowired
	TempFileRegistry registry;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void downloadsTheOrdersCsv() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/reports/orders.csv")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("id,customer,amount\n");
	}

	@Test
	void importsAnUploadedCsv() throws Exception {
		Path upload = this.registry.createFile("id,customer,amount\nD-1,Edsger,9.99\n", "csv");
		String boundary = UUID.randomUUID().toString();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + Files.readString(upload) + "\r\n--" + boundary + "--\r\n";

		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/orders/import"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"imported\":1");
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
