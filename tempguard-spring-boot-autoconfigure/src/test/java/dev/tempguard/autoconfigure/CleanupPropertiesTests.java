package dev.tempguard.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.tempguard.CleanupMode;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.BaselineSettings;

import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.TempGuardSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a Spring test is cleaned: its application context's {@code tempguard.*} properties
 * where it sets them, the run's JUnit configuration parameters (and system properties)
 * where it does not.
 */
class CleanupPropertiesTests {

	private static final CleanupPolicy RUN = new CleanupPolicy(CleanupMode.ON_SUCCESS, true, true,
			new BaselineSettings(Path.of("/ci/baseline.json"), true));

	@TempDir
	Path temp;

	@Test
	void whatTheContextLeavesUnsetKeepsTheRunsValue() {
		assertThat(bind(Map.of()).toSettings(RUN, null).policy()).isEqualTo(RUN);
	}

	@Test
	void whatTheContextSetsWinsOverTheRunsValueEvenWhenItIsTheDefault() {
		TempGuardProperties properties = bind(Map.of("tempguard.cleanup", "always", "tempguard.fail-on-leak", "false",
				"tempguard.leak-detection.delete-untracked", "false", "tempguard.baseline", "/app/baseline.json"));

		assertThat(properties.toSettings(RUN, false).policy()).isEqualTo(new CleanupPolicy(CleanupMode.ALWAYS, false,
				false, new BaselineSettings(Path.of("/app/baseline.json"), false)));
	}

	@Test
	void withNeitherSetTheDefaultsApply() {
		assertThat(bind(Map.of()).toSettings().policy()).isEqualTo(CleanupPolicy.DEFAULT);
	}

	@Test
	void theAutoConfigurationLaysTheContextsPropertiesOverTheSettingsTheRunStartedWith() {
		TempGuardRuntime runtime = TestRuntimes.create();
		runtime.configure(() -> TempGuardSettings.from(Map.of("tempguard.root-dir",
				this.temp.resolve("root").toString(), "tempguard.fail-on-leak", "true", "tempguard.cleanup",
				"on-success", "tempguard.leak-detection.enabled", "false", "tempguard.sweep.enabled", "false")::get));
		ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TempGuardAutoConfiguration.class))
			.withBean(TempGuardRuntime.class, () -> runtime)
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"),
					"tempguard.leak-detection.enabled=false", "tempguard.sweep.enabled=false");

		contextRunner.run((context) -> assertThat(context.getBean(TempGuardSettings.class).policy())
			.isEqualTo(new CleanupPolicy(CleanupMode.ON_SUCCESS, true, false)));
		contextRunner.withPropertyValues("tempguard.fail-on-leak=false")
			.run((context) -> assertThat(context.getBean(TempGuardSettings.class).policy())
				.isEqualTo(new CleanupPolicy(CleanupMode.ON_SUCCESS, false, false)));
	}

	private static TempGuardProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("tempguard",
				TempGuardProperties.class);
	}

}
