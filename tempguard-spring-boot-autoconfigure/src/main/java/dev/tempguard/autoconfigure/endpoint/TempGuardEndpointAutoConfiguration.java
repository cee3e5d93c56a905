package dev.tempguard.autoconfigure.endpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;
import dev.tempguard.internal.TempGuardRuntime;

/**
 * Auto-configuration for the {@code tempguard} actuator endpoint ({@link TempGuardEndpoint}), when it is
 * available: its access is not {@code none} and it is exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = TempGuardAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(TempGuardEndpoint.class)
public final class TempGuardEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(TempFileRegistry.class)
	@ConditionalOnMissingBean
	TempGuardEndpoint tempGuardEndpoint(TempFileRegistry registry) {
		return new TempGuardEndpoint(registry, TempGuardRuntime.get());
	}

}
