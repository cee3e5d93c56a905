package shop.export;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ExportTests.App.class)
class ExportTests {

	@Autowired
	TempFileRegistry registry;

	@Test
	void exportsACsv() throws Exception {
		Path csv = this.registry.createFile("id,amount\n1,3.10\n", "csv");
		assertThat(csv).hasContent("id,amount\n1,3.10\n");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
