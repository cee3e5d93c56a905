package dev.tempguard.spring.testcontext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.leak.FrameworkLeftovers;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.LeakDetectionSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link StartupScopeBinding}: what the thread that starts an application
 * context makes meanwhile is the start's, and when it says the context has closed, so
 * that the leftovers of its start may go: not while it starts or runs, only once its
 * close is over, or its start failed. Over a runtime of the test's own.
 */
class StartupScopeBindingTests {

	private final TempGuardRuntime runtime = TestRuntimes.create();

	@Test
	void aTomcatDirectoryTheStartingThreadMakesDuringTheRefreshIsTheStartsSeenMadeByThisJvmNamingTheTestNotBlamingIt(
			@TempDir Path tmpdir) {
		TempGuardRuntime watching = TestRuntimes.create(tmpdir);
		watching
			.watch(new LeakDetectionSettings(true, List.of(tmpdir), List.of(), false, LeakDetectionSettings.Mode.AUTO));
		// the context loads for a running test, on its thread
		Scope test = watching.scopes().openMethod(StartupScopeBindingTests.class, "test");
		watching.leakDetector().opened(test);
		Scopes.Binding previous = watching.scopes().bind(test, true);
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("tomcat", Path.class, () -> tomcatWorkDirectory(watching, tmpdir));
		StartupScopeBinding.bind(watching, context, false);
		try {
			context.refresh();
		}
		finally {
			watching.scopes().restore(previous);
		}

		assertThat(watching.frameworkLeftovers().found()).singleElement().satisfies((found) -> {
			assertThat(found.path()).isEqualTo(context.getBean(Path.class));
			assertThat(found.status()).isEqualTo(FrameworkLeftovers.Status.DELETE_AT_EXIT);
			assertThat(found.startedBy()).as("the test whose context started").isEqualTo(test.id());
		});
		watching.leakDetector().closed(test);
		assertThat(watching.leakDetector().untrackedLeaks(test, false)).isEmpty();
		context.close();
	}

	// as Spring Boot's web server factory makes Tomcat's, reported as tempguard's agent
	// reports it (the agent of this JVM reports to the JVM's runtime, not the test's)
	private static Path tomcatWorkDirectory(TempGuardRuntime runtime, Path tmpdir) {
		try {
			Path made = Files.createTempDirectory(tmpdir, "tomcat.0.");
			runtime.leakDetector()
				.createdOnThisThread(made, CreationSite.of(Thread.currentThread().getName(), new Throwable()));
			return made;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aPlainContextWhoseRefreshFailedNoLongerCountsAsStartingOnceItsTestClassEnds(@TempDir Path tmpdir) {
		TempGuardRuntime watching = TestRuntimes.create(tmpdir);
		watching
			.watch(new LeakDetectionSettings(true, List.of(tmpdir), List.of(), false, LeakDetectionSettings.Mode.AUTO));
		Scopes.Binding previous = watching.scopes().bind(watching.scopes().run(), true);
		GenericApplicationContext failing = new GenericApplicationContext();
		failing.registerBean("failing", String.class, () -> {
			throw new IllegalStateException("the refresh fails");
		});
		StartupScopeBinding.bind(watching, failing, false);
		assertThatThrownBy(failing::refresh).hasRootCauseMessage("the refresh fails");
		// the test listeners restore the thread's binding, and end what the thread left
		// starting when the class ends
		watching.scopes().restore(previous);
		StartupScopeBinding.endAbandonedStarts();

		// made later, outside every test: the run's, not a start's
		Path later = tomcatWorkDirectory(watching, tmpdir);

		assertThat(watching.leakDetector().startupLeftovers()).isEmpty();
		assertThat(watching.leakDetector().untrackedLeaks(watching.scopes().run(), false)).extracting(Leak::path)
			.containsExactly(later);
	}

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
