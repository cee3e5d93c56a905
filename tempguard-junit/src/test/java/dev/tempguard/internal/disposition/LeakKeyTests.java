package dev.tempguard.internal.disposition;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tempguard.internal.report.RunReport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakKey}: what a baseline entry knows a leak by, the same from one run
 * to the next.
 */
class LeakKeyTests {

	@Test
	void aLeakWhoseSiteIsKnownIsKeyedByTheClassAndMethodOfItsFirstFrameNotTheLine() {
		LeakKey key = LeakKey.of("shop.ExportTests#exports[1]",
				site("shop.CsvExporter.export(CsvExporter.java:31)", "shop.ExportTests.exports(ExportTests.java:12)"),
				"/tmp/orders-3511688967571496855.csv");

		assertThat(key.entry().key()).isEqualTo("shop.ExportTests#exports[1] site=shop.CsvExporter.export");
	}

	@Test
	void theLoaderAndModuleOfAFrameAreNotPartOfTheSite() {
		LeakKey key = LeakKey.of("t", site("app//my.module@1.0/shop.Pdf$Fonts.unpack(Pdf.java:9)"), "/tmp/f.ttf");

		assertThat(key.site()).isEqualTo("shop.Pdf$Fonts.unpack");
	}

	@Test
	void aLambdaIsKeyedWithoutTheNumberTheCompilerGaveIt() {
		LeakKey key = LeakKey.of("t", site("shop.Exporter.lambda$export$3(Exporter.java:40)"), "/tmp/x.csv");

		assertThat(key.site()).isEqualTo("shop.Exporter.lambda$export");
	}

	@Test
	void aLeakWhoseSiteIsUnknownIsKeyedByItsFileNameWithoutItsRandomParts() {
		RunReport.Site unknown = new RunReport.Site(false, "no agent", "", List.of(), List.of());

		assertThat(LeakKey.of("shop.T#a[1]", unknown, "/tmp/orders-3511688967571496855.csv").entry().key())
			.isEqualTo("shop.T#a[1] name=orders-*.csv");
		assertThat(LeakKey.of("shop.T#a[1]", null, "/tmp/tempguard-me/run-1/tg-88123.bin").entry().key())
			.isEqualTo("shop.T#a[1] name=tg-*.bin");
	}

	@Test
	void randomPartsOfANameBecomeOneStarEach() {
		assertThat(LeakKey.namePattern("upload-2f1c0e9a-7b7e-4a55-9c1d-0c8f3d2a1b6e.json")).isEqualTo("upload-*.json");
		assertThat(LeakKey.namePattern("cache-a1b2c3d4e5f6.bin")).isEqualTo("cache-*.bin");
		assertThat(LeakKey.namePattern("report-v2.csv")).isEqualTo("report-v*.csv");
		assertThat(LeakKey.namePattern("123-456.tmp")).isEqualTo("*-*.tmp");
		assertThat(LeakKey.namePattern("fonts")).isEqualTo("fonts");
	}

	@Test
	void charactersSpecialToAGlobAreEscaped() {
		assertThat(LeakKey.namePattern("a[1]{b}?.txt")).isEqualTo("a\\[*\\]\\{b\\}\\?.txt");
	}

	@Test
	void theEntryOfAKeyMatchesTheNextRunOfTheSameLeak() {
		LeakKey first = LeakKey.of("shop.T#a[1]", null, "/tmp/orders-111111111111.csv");
		LeakKey next = LeakKey.of("shop.T#a[1]", null, "/tmp/orders-987654321.csv");
		LeakKey otherTest = LeakKey.of("shop.T#b[1]", null, "/tmp/orders-987654321.csv");

		assertThat(first.entry().matches(next)).isTrue();
		assertThat(first.entry().matches(otherTest)).isFalse();
	}

	private static RunReport.Site site(String... frames) {
		return new RunReport.Site(true, "", "main", List.of(frames), List.of(frames));
	}

}
