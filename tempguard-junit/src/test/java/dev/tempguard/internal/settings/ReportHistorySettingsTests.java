package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReportHistorySettingsTests {

	@Test
	void noHistoryByDefaultAndTwentyBuildsWhenAFolderIsSet() {
		assertThat(TempGuardSettings.defaults().reportHistory()).isEqualTo(ReportHistorySettings.NONE);
		assertThat(ReportHistorySettings.NONE.dir()).isNull();

		ReportHistorySettings settings = TempGuardSettings
			.from(Map.of("tempguard.report.history-dir", "ci-cache/tempguard")::get)
			.reportHistory();

		assertThat(settings.dir()).isEqualTo(Path.of("ci-cache/tempguard").toAbsolutePath().normalize());
		assertThat(settings.size()).isEqualTo(20);
	}

	@Test
	void readsItsOwnSettingsAloneWhateverTheOthersSay() {
		ReportHistorySettings settings = ReportHistorySettings.from(Map.of("tempguard.report.history-dir", "/h",
				"tempguard.report.history-size", " 5 ", "tempguard.max-age", "not a duration")::get);

		assertThat(settings).isEqualTo(new ReportHistorySettings(Path.of("/h"), 5));
	}

	@Test
	void aSizeThatKeepsNoTrendOrIsNoNumberIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReportHistorySettings.from(Map.of("tempguard.report.history-size", "1")::get))
			.withMessage("tempguard.report.history-size=1 keeps no trend; set it to 2 or more (default 20)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.report.history-size", "many")::get))
			.withMessage("tempguard.report.history-size=many is not a whole number; set it to one such as 20");
	}

}
