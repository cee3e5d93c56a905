package dev.tempguard.junit.platform;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

import dev.tempguard.internal.report.RunRecorder;
import dev.tempguard.internal.settings.ReportHistorySettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run listener gives the report the history folder that a JUnit configuration
 * parameter (or system property, which JUnit reads too) names.
 */
class RunListenerReportHistoryTests {

	private final RunRecorder recorder = new RunRecorder();

	@Test
	void aHistoryFolderNamedByAJUnitParameterGoesToTheReport() {
		TempGuardRunListener.reportHistory(
				parameters(Map.of("tempguard.report.history-dir", "/ci/history", "tempguard.report.history-size", "5")),
				this.recorder);

		assertThat(this.recorder.reportHistory()).isEqualTo(new ReportHistorySettings(Path.of("/ci/history"), 5));
	}

	@Test
	void withoutOneOrWithABadOneTheReportKeepsNoHistory() {
		TempGuardRunListener.reportHistory(parameters(Map.of()), this.recorder);
		TempGuardRunListener.reportHistory(
				parameters(Map.of("tempguard.report.history-dir", "/h", "tempguard.report.history-size", "x")),
				this.recorder);

		assertThat(this.recorder.reportHistory()).isEqualTo(ReportHistorySettings.NONE);
	}

	private static ConfigurationParameters parameters(Map<String, String> values) {
		return new ConfigurationParameters() {

			@Override
			public Optional<String> get(String key) {
				return Optional.ofNullable(values.get(key));
			}

			@Override
			public Optional<Boolean> getBoolean(String key) {
				return get(key).map(Boolean::parseBoolean);
			}

			@Override
			public Set<String> keySet() {
				return values.keySet();
			}

		};
	}

}
