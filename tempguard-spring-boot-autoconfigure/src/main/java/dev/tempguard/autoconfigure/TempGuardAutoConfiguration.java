package dev.tempguard.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.tempguard.TempFileRegistry;
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
		return new DefaultTempFileRegistry(TempGuardRuntime.get(), properties.rootDirectory());
	}

}
