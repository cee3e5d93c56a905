package dev.tempguard.sample.report;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The archive export leaks its staging file. A test of it fails with
 * {@code fail-on-leak: true} (the {@code test} profile), naming the file: proven here by
 * running that test through the JUnit Platform, so that this build stays green.
 */
class ArchiveServiceLeakTests {

	static final List<Path> archived = new CopyOnWriteArrayList<>();

	@AfterEach
	void deleteTheLeakedFile() throws Exception {
		for (Path path : archived) {
			Files.deleteIfExists(path);
		}
		archived.clear();
	}

	@Test
	void aTestOfTheLeakyArchiveExportFailsAndNamesTheStagingFile() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(ArchiveTests.class))
			.execute();

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		Throwable failure = results.testEvents()
			.failed()
			.stream()
			.map((event) -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
			.findFirst()
			.orElseThrow();
		assertThat(failure).isInstanceOf(TempFileLeakError.class).hasMessageContaining("archivesTheOrders");
		List<Leak> leaks = ((TempFileLeakError) failure).leaks();
		assertThat(leaks).singleElement().satisfies((leak) -> {
			assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
			assertThat(leak.path().getFileName().toString()).startsWith("orders-").endsWith(".csv");
			assertThat(failure).hasMessageContaining(leak.path().toString());
			archived.add(leak.path());
		});
	}

	/**
	 * The test a user would write; run above, not by the build itself (a nested class).
	 */
	@SpringBootTest
	@ActiveProfiles("test")
	static class ArchiveTests {

		@Autowired
		ArchiveService archives;

		@Test
		void archivesTheOrders() throws Exception {
			ByteArrayOutputStream zip = new ByteArrayOutputStream();
			this.archives.archiveOrders(zip);
			try (ZipInputStream entries = new ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
				assertThat(entries.getNextEntry().getName()).isEqualTo("orders.csv");
			}
		}

	}

}
