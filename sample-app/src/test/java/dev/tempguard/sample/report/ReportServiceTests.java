package dev.tempguard.sample.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Service tests whose fixtures and outputs are temporary files that tempguard deletes.
 */
@SpringBootTest
@ActiveProfiles("test")
class ReportServiceTests {

	@Autowired
	TempFileRegistry registry;

	@Autowired
	ReportService reports;

	@Test
	void importsOrdersFromACsvFixture() throws Exception {
		Path csv = this.registry.createFile("id,customer,amount\nB-1,Linus,3.10\nB-2,Barbara,4.20\n", "csv");

		assertThat(this.reports.importFile(csv)).isEqualTo(2);
		assertThat(this.reports.orders()).extracting(Order::id).contains("B-1", "B-2");
	}

	@Test
	void exportsEveryOrderAsCsv() throws Exception {
		// the export is the caller's to delete: registering it lets tempguard do that,
		// pass or fail
		Path export = this.registry.register(this.reports.exportCsv());

		assertThat(Files.readAllLines(export)).first().isEqualTo("id,customer,amount");
		assertThat(Files.readAllLines(export)).anyMatch((line) -> line.startsWith("A-1,Ada,"));
	}

	@Test
	void importsEveryFileOfATestDirectory() {
		int imported = this.registry.withTestDirectory(Map.of("first.csv", "id,customer,amount\nC-1,Ken,1.00\n",
				"second.csv", "id,customer,amount\nC-2,Dennis,2.00\nC-3,Bjarne,3.00\n"), (directory, files, helper) -> {
					int total = 0;
					for (Path file : files) {
						total += this.reports.importFile(file);
					}
					return total;
				});

		assertThat(imported).isEqualTo(3);
	}

}
