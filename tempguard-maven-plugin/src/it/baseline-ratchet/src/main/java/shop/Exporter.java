package shop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Code under test that forgets its temporary files, but what -Dshop.fixed names as fixed. */
public class Exporter {

	public Path export() throws IOException {
		return unlessFixed("export", Files.createTempFile("orders-", ".csv"));
	}

	public Path upload() throws IOException {
		return unlessFixed("upload", Files.createTempFile("upload-", ".tmp"));
	}

	public Path render() throws IOException {
		return unlessFixed("render", Files.createTempFile("invoice-", ".pdf"));
	}

	public Path archive() throws IOException {
		return unlessFixed("archive", Files.createTempFile("archive-", ".zip"));
	}

	public Path loadFonts() throws IOException {
		return Files.createTempFile("fonts-", ".ttf");
	}

	private static Path unlessFixed(String what, Path file) throws IOException {
		if (System.getProperty("shop.fixed", "").contains(what)) {
			Files.delete(file);
		}
		return file;
	}

}
