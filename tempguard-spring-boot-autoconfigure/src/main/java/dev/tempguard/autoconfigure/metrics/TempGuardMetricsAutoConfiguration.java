package dev.tempguard.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.tempguard.actuate.metrics.TempGuardMetrics;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;
import dev.tempguard.internal.TempGuardRuntime;

/**
 * Auto-configuration for tempguard's Micrometer meters ({@link TempGuardMetrics}), when the application has a
 * {@link MeterRegistry}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		SimpleMetricsExportAutoConfiguration.class, TempGuardAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "tempguard.enabled", matchIfMissing = true)
public final class TempGuardMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TempGuardMetrics tempGuardMetrics() {
		return new TempGuardMetrics(TempGuardRuntime.get());
	}

}
