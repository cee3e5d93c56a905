package dev.tempguard.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Conditional;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempGuardView;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Auto-configuration for tempguard: the {@link TempFileRegistry} that tests autowire and
 * the {@link TempGuardView} that monitoring reads. The bean methods only build objects;
 * {@link TempGuardStartup} sweeps root-dir and starts leak detection once the context's
 * singletons exist. The test integration (registered in
 * {@code META-INF/spring.factories}) cleans what the registry tracks.
 */
@AutoConfiguration
@Conditional(OnTempGuardEnabledCondition.class)
@EnableConfigurationProperties(TempGuardProperties.class)
public final class TempGuardAutoConfiguration {

	// one per JVM, shared by every application context: the test integration finds a
	// test's files whichever context created them
	@Bean
	@ConditionalOnMissingBean
	TempGuardRuntime tempGuardRuntime() {
		return TempGuardRuntime.get();
	}

	// the settings as the core and the test integration read them: what the context
	// leaves unset keeps the run's value (its JUnit configuration parameters);
	// tempguard.baseline is the file, so tempguard.baseline.strict is bound on its own
	@Bean
	TempGuardSettings tempGuardSettings(TempGuardProperties properties, TempGuardRuntime runtime,
			Environment environment) {
		return properties.toSettings(runtime.defaultPolicy(),
				Binder.get(environment).bind("tempguard.baseline.strict", Boolean.class).orElse(null));
	}

	@Bean
	@ConditionalOnMissingBean
	TempFileRegistry tempFileRegistry(TempGuardRuntime runtime, TempGuardSettings settings) {
		return runtime.registry(settings);
	}

	@Bean
	@ConditionalOnMissingBean
	TempGuardView tempGuardView(TempGuardRuntime runtime) {
		return runtime.view();
	}

	@Bean
	TempGuardStartup tempGuardStartup(TempGuardRuntime runtime, TempGuardSettings settings) {
		return new TempGuardStartup(runtime, settings);
	}

}
