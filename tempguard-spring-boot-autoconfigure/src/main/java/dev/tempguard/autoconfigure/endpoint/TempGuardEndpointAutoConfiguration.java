package dev.tempguard.autoconfigure.endpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tempguard.TempGuardView;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;

/**
 * Auto-configuration for the {@code tempguard} actuator endpoint
 * ({@link TempGuardEndpoint}), when it is available: its access is not {@code none} and
 * it is exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = TempGuardAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnAvailableEndpoint(TempGuardEndpoint.class)
public final class TempGuardEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(TempGuardView.class)
	@ConditionalOnMissingBean
	TempGuardEndpoint tempGuardEndpoint(TempGuardView view) {
		return new TempGuardEndpoint(view);
	}

}
