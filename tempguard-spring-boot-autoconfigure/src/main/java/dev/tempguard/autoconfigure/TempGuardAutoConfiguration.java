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
		DefaultTempFileRegistry registry = new DefaultTempFileRegistry(runtime, properties.rootDirectory());
		LeakDetection leakDetection = properties.getLeakDetection();
		if (leakDetection.isEnabled()) {
			runtime.leakDetector()
				.watch(leakDetection.getWatchDirs().stream().map(Path::of).toList(), leakDetection.getIgnore());
		}
		return registry;
	}

}
