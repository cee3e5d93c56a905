package dev.tempguard.autoconfigure.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.tempguard.actuate.metrics.TempGuardMetrics;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;
import dev.tempguard.TempGuardView;

/**
 * Auto-configuration for tempguard's Micrometer meters ({@link TempGuardMetrics}), when
 * the application has a {@code MeterRegistry}.
 */
@AutoConfiguration(after = TempGuardAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = { "io.micrometer.core.instrument.MeterRegistry", "dev.tempguard.TempGuardView" })
public final class TempGuardMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TempGuardMetrics tempGuardMetrics(TempGuardView view) {
		return new TempGuardMetrics(view);
	}

}
