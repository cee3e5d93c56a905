package dev.tempguard.sample.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Builds CSV reports in a temporary file, as apps do for exports too large to hold in
 * memory, and reads orders from an uploaded CSV.
 */
@Service
public class ReportService {

	private final List<Order> orders = new ArrayList<>(List.of(new Order("A-1", "Ada", new BigDecimal("12.50")),
			new Order("A-2", "Grace", new BigDecimal("7.00"))));

	/** Writes the orders to a new temporary CSV file; the caller deletes it once sent. */
	public Path exportCsv() {
		try {
			Path file = Files.createTempFile("orders-", ".csv");
			try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				writer.write("id,customer,amount\n");
				for (Order order : orders()) {
					writer.write(order.id() + "," + order.customer() + "," + order.amount() + "\n");
				}
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stages an uploaded CSV in a temporary file, imports its orders, and deletes the
	 * staged file.
	 */
	public int importCsv(InputStream upload) {
		try {
			Path staged = Files.createTempFile("upload-", ".csv");
			try {
				Files.copy(upload, staged, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				return importFile(staged);
			}
			finally {
				Files.deleteIfExists(staged);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Imports orders from a CSV file with the header {@code id,customer,amount}. */
	public int importFile(Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		int imported = 0;
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			String[] fields = line.split(",");
			if (fields.length == 3) {
				synchronized (this.orders) {
					this.orders.add(new Order(fields[0].trim(), fields[1].trim(), new BigDecimal(fields[2].trim())));
				}
				imported++;
			}
		}
		return imported;
	}

	public List<Order> orders() {
		synchronized (this.orders) {
			return List.copyOf(this.orders);
		}
	}

}
