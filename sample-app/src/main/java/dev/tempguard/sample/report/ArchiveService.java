package dev.tempguard.sample.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Service;

/**
 * Archives the orders report as a ZIP. It stages the CSV in a temporary file and, like
 * much real code, forgets to delete it: the leak that tempguard's test catches
 * ({@code ArchiveServiceLeakTests}).
 */
@Service
public class ArchiveService {

	private final ReportService reports;

	public ArchiveService(ReportService reports) {
		this.reports = reports;
	}

	/** Writes a ZIP holding {@code orders.csv} to {@code out}. */
	public void archiveOrders(OutputStream out) {
		Path staged = this.reports.exportCsv();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("orders.csv"));
			Files.copy(staged, zip);
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// the bug: 'staged' is never deleted
	}

}
