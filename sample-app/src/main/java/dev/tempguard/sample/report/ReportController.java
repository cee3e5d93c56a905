package dev.tempguard.sample.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Exports orders as CSV and imports uploaded CSV files. */
@RestController
public class ReportController {

	private final ReportService reports;

	public ReportController(ReportService reports) {
		this.reports = reports;
	}

	@GetMapping(path = "/reports/orders.csv", produces = "text/csv")
	public ResponseEntity<byte[]> exportOrders() {
		Path csv = this.reports.exportCsv();
		try {
			return ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=orders.csv")
				.contentType(MediaType.parseMediaType("text/csv"))
				.body(Files.readAllBytes(csv));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteQuietly(csv);
		}
	}

	@PostMapping(path = "/orders/import")
	public Map<String, Integer> importOrders(@RequestParam("file") MultipartFile file) throws IOException {
		return Map.of("imported", this.reports.importCsv(file.getInputStream()));
	}

	private static void deleteQuietly(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// the export was sent; a leftover is what tempguard's leak check reports in
			// tests
		}
	}

}
