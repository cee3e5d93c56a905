package dev.tempguard.autoconfigure.metrics;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempGuardView;
import dev.tempguard.actuate.metrics.TempGuardMetrics;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TempGuardMetricsAutoConfiguration}.
 * <p>
 * The auto-configured meters read the JVM-wide runtime, which other tests of this JVM use
 * too: what a test creates goes to a context of its own, and values are compared with the
 * runtime's counters or as differences.
 */
class TempGuardMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TempGuardAutoConfiguration.class, MetricsAutoConfiguration.class,
				TempGuardMetricsAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void metersAreBoundToTheMeterRegistry() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues(isolated())
			.run((context) -> {
				assertThat(context).hasSingleBean(TempGuardMetrics.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				Counters counters = TempGuardRuntime.get().counters();
				assertThat(meters.get("tempguard.files.created").tag("type", "file").functionCounter().count())
					.isEqualTo(counters.createdFiles());
				assertThat(meters.get("tempguard.files.created").tag("type", "directory").functionCounter().count())
					.isEqualTo(counters.createdDirectories());
				assertThat(meters.get("tempguard.files.deleted").functionCounter()).isNotNull();
				assertThat(meters.get("tempguard.files.leaked").tag("reason", "undeletable").functionCounter())
					.isNotNull();
				assertThat(meters.get("tempguard.files.leaked").tag("reason", "untracked").functionCounter())
					.isNotNull();
				assertThat(meters.get("tempguard.cleanup.failures").functionCounter()).isNotNull();
				assertThat(meters.get("tempguard.files.tracked").gauge()).isNotNull();
				assertThat(meters.get("tempguard.cleanup").functionTimer()).isNotNull();
			});
	}

	@Test
	void metersFollowWhatTheAutoConfiguredRegistryCreatesAndCleans() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues(isolated())
			.run((context) -> {
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				TempFileRegistry registry = context.getBean(TempFileRegistry.class);
				Scopes scopes = TempGuardRuntime.get().scopes();
				double filesBefore = createdFiles(meters);
				double directoriesBefore = createdDirectories(meters);
				double deletedBefore = deleted(meters);
				double trackedBefore = tracked(meters);
				double cleaningsBefore = meters.get("tempguard.cleanup").functionTimer().count();
				Scope scope = scopes.openClass(OwnContext.class);
				try {
					Scopes.Binding previous = scopes.bind(scope, false);
					try {
						registry.createFile("a", "txt");
						registry.createFile("b", "txt");
						registry.createDirectory();
					}
					finally {
						scopes.restore(previous);
					}
					assertThat(createdFiles(meters) - filesBefore).isEqualTo(2);
					assertThat(createdDirectories(meters) - directoriesBefore).isEqualTo(1);
					assertThat(tracked(meters) - trackedBefore).isEqualTo(3);

					TempGuardRuntime.get().cleaner().clean(scope, false);

					assertThat(deleted(meters) - deletedBefore).isEqualTo(3);
					assertThat(tracked(meters)).isEqualTo(trackedBefore);
					assertThat(meters.get("tempguard.cleanup").functionTimer().count() - cleaningsBefore).isEqualTo(1);
				}
				finally {
					scopes.close(scope);
				}
			});
	}

	@Test
	void metersAreBoundToTheRegistryThatBootAutoConfigures() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues(isolated())
			.run((context) -> {
				assertThat(context).hasSingleBean(TempGuardMetrics.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("tempguard.files.created").functionCounters()).hasSize(2);
			});
	}

	@Test
	void metricsBackOffWithoutMeterRegistry() {
		this.contextRunner.withPropertyValues(isolated())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardMetrics.class));
	}

	@Test
	void metricsBackOffWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues(isolated())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardMetrics.class));
	}

	@Test
	void metricsBackOffWhenTempGuardIsDisabled() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues("tempguard.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("tempguard.files.created").meters()).isEmpty();
			});
	}

	@Test
	void metricsBackOffWhenUserProvidedMetricsArePresent() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class, UserMetricsConfiguration.class)
			.withPropertyValues(isolated())
			.run((context) -> {
				assertThat(context).hasSingleBean(TempGuardMetrics.class);
				assertThat(context).getBean(TempGuardMetrics.class).isSameAs(context.getBean("userMetrics"));
			});
	}

	private String[] isolated() {
		return new String[] { "tempguard.root-dir=" + this.temp.resolve("root"),
				"tempguard.leak-detection.enabled=false", "tempguard.sweep.enabled=false" };
	}

	private static double createdFiles(MeterRegistry meters) {
		return meters.get("tempguard.files.created").tag("type", "file").functionCounter().count();
	}

	private static double createdDirectories(MeterRegistry meters) {
		return meters.get("tempguard.files.created").tag("type", "directory").functionCounter().count();
	}

	private static double deleted(MeterRegistry meters) {
		return meters.get("tempguard.files.deleted").functionCounter().count();
	}

	private static double tracked(MeterRegistry meters) {
		return meters.get("tempguard.files.tracked").gauge().value();
	}

	/**
	 * The test context that files of
	 * {@link #metersFollowWhatTheAutoConfiguredRegistryCreatesAndCleans} go to.
	 */
	static final class OwnContext {

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		TempGuardMetrics userMetrics(TempGuardView view) {
			return new TempGuardMetrics(view);
		}

	}

}
