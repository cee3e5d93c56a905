package dev.tempguard.spring.testcontext;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for when {@link StartupScopeBinding} says its application context has closed, so
 * that the leftovers of its start may go: not while it starts or runs, only once its
 * close is over, or its start failed. Over a runtime of the test's own.
 */
class StartupScopeBindingTests {

	private final TempGuardRuntime runtime = TestRuntimes.create();

	@Test
	void aContextIsOpenFromItsStartUntilItsCloseIsOver() {
		GenericApplicationContext context = new GenericApplicationContext();
		StartupScopeBinding.bind(this.runtime, context, false);
		assertThat(this.runtime.frameworkLeftovers().contextsClosed()).as("starting").isFalse();

		context.refresh();
		assertThat(this.runtime.frameworkLeftovers().contextsClosed()).as("running").isFalse();

		context.close();
		assertThat(this.runtime.frameworkLeftovers().contextsClosed()).as("closed").isTrue();
	}

	@Test
	void aSpringBootContextWhoseStartFailedIsClosed() {
		SpringApplication application = new SpringApplication(FailingConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		application.addInitializers(
				(ConfigurableApplicationContext context) -> StartupScopeBinding.bind(this.runtime, context, true));

		assertThatThrownBy(application::run).hasRootCauseMessage("the start fails");

		assertThat(this.runtime.frameworkLeftovers().contextsClosed()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingConfiguration {

		@Bean
		String failing() {
			throw new IllegalStateException("the start fails");
		}

	}

}
