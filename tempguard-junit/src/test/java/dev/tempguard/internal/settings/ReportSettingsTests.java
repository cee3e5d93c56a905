package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code tempguard.report.*}, read from JUnit parameters or system properties, and laid
 * over by what a Spring application context sets.
 */
class ReportSettingsTests {

	@Test
	void unsetMeansTheDefaults() {
		ReportSettings report = TempGuardSettings.defaults().report();

		assertThat(report).isEqualTo(ReportSettings.UNSET);
		assertThat(report.writes()).isTrue();
		assertThat(report.prints()).isTrue();
		assertThat(report.history()).isEqualTo(ReportHistorySettings.NONE);
	}

	@Test
	void everyReportSettingIsRead() {
		ReportSettings report = TempGuardSettings
			.from(Map.of("tempguard.report.dir", "out/report", "tempguard.report.enabled", "false",
					"tempguard.report.summary", "false", "tempguard.report.history-dir", "/ci/history",
					"tempguard.report.history-size", "5")::get)
			.report();

		assertThat(report.dir()).isEqualTo(Path.of("out/report").toAbsolutePath());
		assertThat(report.writes()).isFalse();
		assertThat(report.prints()).isFalse();
		assertThat(report.history()).isEqualTo(new ReportHistorySettings(Path.of("/ci/history"), 5));
	}

	@Test
	void aValueThatIsNotValidIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.report.history-size", "1")::get))
			.withMessageContaining("tempguard.report.history-size=1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.report.summary", "maybe")::get))
			.withMessageContaining("tempguard.report.summary=maybe")
			.withMessageContaining("true or false");
	}

	@Test
	void whatALaterPlaceSetsWinsAndWhatItLeavesUnsetKeepsTheEarlierValue() {
		ReportSettings junit = new ReportSettings(Path.of("/junit"), null, false, Path.of("/history"), 5);
		ReportSettings spring = new ReportSettings(null, false, null, Path.of("/spring-history"), null);

		assertThat(junit.overriddenBy(spring))
			.isEqualTo(new ReportSettings(Path.of("/junit"), false, false, Path.of("/spring-history"), 5));
	}

	@Test
	void startingTheRuntimeLaysTheSettingsOverTheReportsOnes(@TempDir Path temp) {
		TempGuardRuntime runtime = TestRuntimes.create();
		runtime.recorder().report(new ReportSettings(null, null, false, null, null));

		runtime.start(TempGuardSettings
			.from(Map.of("tempguard.root-dir", temp.resolve("root").toString(), "tempguard.sweep.enabled", "false",
					"tempguard.leak-detection.enabled", "false", "tempguard.report.enabled", "false")::get));

		assertThat(runtime.recorder().report().prints()).as("kept from before").isFalse();
		assertThat(runtime.recorder().report().writes()).as("laid over").isFalse();
	}

	@Test
	void aSizeThatKeepsNoTrendOrIsNoNumberIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.report.history-size", "many")::get))
			.withMessage("tempguard.report.history-size=many is not a whole number; set it to one such as 20");
	}

}
