package shop.upload;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import dev.tempguard.TempFileRegistry;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = UploadTests.App.class)
class UploadTests {

	@Autowired
	TempFileRegistry registry;

	@Test
	void uploadsTwoFiles() throws Exception {
		Path first = this.registry.createFile("first", "txt");
		Path second = this.registry.createFile("second", "txt");
		assertThat(first).hasContent("first");
		assertThat(second).hasContent("second");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
