package shop;

import org.junit.jupiter.api.Test;

import dev.tempguard.AllowLeaks;

class LeakyTests {

	private final Exporter exporter = new Exporter();

	@Test
	void exportsOrders() throws Exception {
		this.exporter.export();
	}

	@Test
	void uploadsAFile() throws Exception {
		this.exporter.upload();
	}

	@Test
	void rendersAnInvoice() throws Exception {
		this.exporter.render();
	}

	@Test
	void archivesOrders() throws Exception {
		// the fourth leak, once -Dshop.fourth=true
		if (Boolean.getBoolean("shop.fourth")) {
			this.exporter.archive();
		}
	}

	@Test
	@AllowLeaks(reason = "the font cache belongs to the PDF library", issue = "SHOP-7")
	void loadsTheFonts() throws Exception {
		this.exporter.loadFonts();
	}

}
