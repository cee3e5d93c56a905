package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.tempguard.internal.settings.ReportHistorySettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code tempguard.report.history-dir} and {@code history-size} of a Spring environment
 * reach the settings that the report reads.
 */
class ReportHistoryPropertiesTests {

	@Test
	void theHistoryFolderAndSizeBindToTheSettings() {
		TempGuardProperties properties = bind(
				Map.of("tempguard.report.history-dir", "/ci/history", "tempguard.report.history-size", "7"));

		assertThat(properties.toSettings().reportHistory())
			.isEqualTo(new ReportHistorySettings(Path.of("/ci/history"), 7));
	}

	@Test
	void noHistoryByDefaultAndABadSizeIsRefusedNamingTheProperty() {
		assertThat(bind(Map.of()).toSettings().reportHistory()).isEqualTo(ReportHistorySettings.NONE);
		TempGuardProperties properties = bind(Map.of("tempguard.report.history-size", "1"));
		assertThatIllegalArgumentException().isThrownBy(properties::toSettings)
			.withMessageStartingWith("tempguard.report.history-size=1 keeps no trend");
	}

	private static TempGuardProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("tempguard",
				TempGuardProperties.class);
	}

}
