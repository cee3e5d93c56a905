package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.tempguard.internal.settings.ReportSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code tempguard.report.history-dir} and {@code history-size} of a Spring environment
 * reach the settings that the report reads.
 */
class ReportPropertiesTests {

	@Test
	void everyReportPropertyBindsToTheSettings() {
		TempGuardProperties properties = bind(Map.of("tempguard.report.dir", "/ci/report", "tempguard.report.enabled",
				"false", "tempguard.report.summary", "false", "tempguard.report.history-dir", "/ci/history",
				"tempguard.report.history-size", "7"));

		assertThat(properties.toSettings().report())
			.isEqualTo(new ReportSettings(Path.of("/ci/report"), false, false, Path.of("/ci/history"), 7));
	}

	@Test
	void whatTheContextDoesNotSetIsLeftUnsetForTheJUnitParametersToDecide() {
		assertThat(bind(Map.of()).toSettings().report()).isEqualTo(ReportSettings.UNSET);
	}

	@Test
	void aBadHistorySizeIsRefusedNamingTheProperty() {
		TempGuardProperties properties = bind(Map.of("tempguard.report.history-size", "1"));
		assertThatIllegalArgumentException().isThrownBy(properties::toSettings)
			.withMessageStartingWith("tempguard.report.history-size=1 keeps no trend");
	}

	private static TempGuardProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("tempguard",
				TempGuardProperties.class);
	}

}
