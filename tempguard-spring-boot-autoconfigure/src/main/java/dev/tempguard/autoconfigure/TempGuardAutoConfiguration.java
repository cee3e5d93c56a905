package dev.tempguard.autoconfigure;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.autoconfigure.TempGuardProperties.LeakDetection;
import dev.tempguard.internal.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.sweep.SweepSettings;

/**
 * Auto-configuration for tempguard: the {@link TempFileRegistry} that tests
 * autowire. The test integration (registered in {@code META-INF/spring.factories}) cleans what it tracks.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "tempguard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TempGuardProperties.class)
public final class TempGuardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TempFileRegistry tempFileRegistry(TempGuardProperties properties) {
		TempGuardRuntime runtime = TempGuardRuntime.get();
		SweepSettings sweep = new SweepSettings(properties.getSweep().isEnabled(), properties.getMaxAge(),
				properties.getSweep().isDryRun());
		DefaultTempFileRegistry registry = new DefaultTempFileRegistry(runtime, properties.rootDirectory(), sweep);
		LeakDetection leakDetection = properties.getLeakDetection();
		if (leakDetection.isEnabled()) {
			runtime.leakDetector()
				.watch(leakDetection.getWatchDirs().stream().map(Path::of).toList(), leakDetection.getIgnore());
			runtime.leakDetector().syncIn(registry.runDirectory().resolve(".sync"));
		}
		return registry;
	}

}
