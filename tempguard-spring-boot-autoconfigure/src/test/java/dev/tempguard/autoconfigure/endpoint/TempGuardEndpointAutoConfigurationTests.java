package dev.tempguard.autoconfigure.endpoint;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tempguard.TempGuardView;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint;
import dev.tempguard.autoconfigure.TempGuardAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TempGuardEndpointAutoConfiguration}.
 */
class TempGuardEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(TempGuardAutoConfiguration.class, TempGuardEndpointAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void endpointIsAutoConfiguredWhenExposed() {
		this.contextRunner.withPropertyValues(isolated("management.endpoints.web.exposure.include=tempguard"))
			.run((context) -> {
				assertThat(context).hasSingleBean(TempGuardEndpoint.class);
				TempGuardEndpoint.TempGuardDescriptor descriptor = context.getBean(TempGuardEndpoint.class).tempGuard();
				assertThat(descriptor.rootDirs()).contains(this.temp.resolve("root").toString());
				assertThat(descriptor.filesByContext()).containsKey("run");
			});
	}

	@Test
	void endpointIsAutoConfiguredWhenAllEndpointsAreExposed() {
		this.contextRunner.withPropertyValues(isolated("management.endpoints.web.exposure.include=*"))
			.run((context) -> assertThat(context).hasSingleBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWhenNotExposed() {
		this.contextRunner.withPropertyValues(isolated())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWhenExcludedFromExposure() {
		this.contextRunner
			.withPropertyValues(isolated("management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=tempguard"))
			.run((context) -> assertThat(context).doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWhenItsAccessIsNone() {
		this.contextRunner.withPropertyValues(isolated("management.endpoints.web.exposure.include=tempguard",
				// a SpringApplication also takes "none"; the runner's environment
				// converts only constant names
				"management.endpoint.tempguard.access=NONE"))
			.run((context) -> assertThat(context).doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWhenDisabledWithTheDeprecatedEnabledProperty() {
		this.contextRunner
			.withPropertyValues(isolated("management.endpoints.web.exposure.include=tempguard",
					"management.endpoint.tempguard.enabled=false"))
			.run((context) -> assertThat(context).doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWhenTempGuardIsDisabled() {
		this.contextRunner
			.withPropertyValues("tempguard.enabled=false", "management.endpoints.web.exposure.include=tempguard")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointIsNotAutoConfiguredWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.withPropertyValues(isolated("management.endpoints.web.exposure.include=tempguard"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TempGuardEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenUserProvidedEndpointIsPresent() {
		this.contextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues(isolated("management.endpoints.web.exposure.include=tempguard"))
			.run((context) -> {
				assertThat(context).hasSingleBean(TempGuardEndpoint.class);
				assertThat(context).getBean(TempGuardEndpoint.class).isSameAs(context.getBean("userEndpoint"));
			});
	}

	private String[] isolated(String... properties) {
		String[] all = new String[properties.length + 3];
		all[0] = "tempguard.root-dir=" + this.temp.resolve("root");
		all[1] = "tempguard.leak-detection.enabled=false";
		all[2] = "tempguard.sweep.enabled=false";
		System.arraycopy(properties, 0, all, 3, properties.length);
		return all;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		TempGuardEndpoint userEndpoint(TempGuardView view) {
			return new TempGuardEndpoint(view);
		}

	}

}
