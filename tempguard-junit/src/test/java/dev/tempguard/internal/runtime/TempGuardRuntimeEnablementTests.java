package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for when a runtime is on: the run's settings decide; when they do not set
 * {@code tempguard.enabled}, application contexts that all say {@code false} turn it off,
 * unless a test created a file through tempguard.
 */
class TempGuardRuntimeEnablementTests {

	@TempDir
	Path temp;

	private final TempGuardRuntime runtime = TestRuntimes.create();

	@Test
	void aContextWithTempguardOffTurnsTheRuntimeOffAndStopsItsWatcherWhenTheRunDoesNotSetIt() {
		this.runtime.configure(() -> settings(true), false);
		assertThat(this.runtime.leakDetector().isActive()).isTrue();

		this.runtime.applicationContextLoads(false);

		assertThat(this.runtime.enabled()).isFalse();
		assertThat(this.runtime.leakDetector().isActive()).isFalse();
		assertThat(this.runtime.disabledForTheRun()).as("the run's own settings leave it on").isFalse();
	}

	@Test
	void aContextWithTempguardOnKeepsOrTurnsTheRuntimeOn() {
		this.runtime.configure(() -> settings(true), false);

		this.runtime.applicationContextLoads(false);
		this.runtime.applicationContextLoads(true);

		assertThat(this.runtime.enabled()).isTrue();
	}

	@Test
	void theRunSettingTempguardEnabledTrueWinsOverAContextThatSaysFalse() {
		this.runtime.configure(() -> settings(true), true);

		this.runtime.applicationContextLoads(false);

		assertThat(this.runtime.enabled()).isTrue();
		assertThat(this.runtime.leakDetector().isActive()).isTrue();
	}

	@Test
	void aFileAlreadyCreatedThroughTempguardKeepsItOn() {
		this.runtime.configure(() -> settings(true), false);
		this.runtime.defaultRegistry().createFile("x", "txt");

		this.runtime.applicationContextLoads(false);

		assertThat(this.runtime.enabled()).isTrue();
	}

	@Test
	void theRunSettingTempguardEnabledFalseTurnsItOffFromTheStartWithNothingStarted() {
		this.runtime.configure(() -> settings(false), true);

		assertThat(this.runtime.enabled()).isFalse();
		assertThat(this.runtime.disabledForTheRun()).isTrue();
		assertThat(this.runtime.leakDetector().isActive()).isFalse();
		assertThat(this.runtime.rootDirectories()).isEmpty();
		this.runtime.applicationContextLoads(true);
		assertThat(this.runtime.enabled()).as("a context cannot turn on what the run turned off").isFalse();
	}

	private TempGuardSettings settings(boolean enabled) {
		return new TempGuardSettings(enabled, this.temp.resolve("root"), true, CleanupPolicy.DEFAULT,
				new SweepSettings(false, Duration.ofHours(24), false),
				new LeakDetectionSettings(true, List.of(this.temp), List.of(), false, LeakDetectionSettings.Mode.AUTO),
				false, ReportSettings.UNSET);
	}

}
