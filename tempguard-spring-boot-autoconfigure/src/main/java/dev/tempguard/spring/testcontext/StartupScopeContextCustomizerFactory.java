package dev.tempguard.spring.testcontext;

import java.util.List;

import org.springframework.boot.test.context.SpringBootContextLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import dev.tempguard.internal.runtime.TempGuardRuntime;

/**
 * Counts what is created while a test's application context starts for the run, not for
 * the test that happened to trigger the start: a cached context outlives that test, and
 * so must its files. Tells tempguard whether the context's settings turn it off
 * ({@code tempguard.enabled=false}); a context with tempguard off is not watched.
 */
class StartupScopeContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new StartupScopeContextCustomizer();
	}

	static final class StartupScopeContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TempGuardRuntime runtime = TempGuardRuntime.get();
			// the context's own settings are known from here on, before it starts
			boolean enabled = TempGuardEnabled.in(context.getEnvironment());
			runtime.applicationContextLoads(enabled);
			if (enabled && runtime.enabled()) {
				StartupScopeBinding.bind(runtime, context,
						config.getContextLoader() instanceof SpringBootContextLoader);
			}
		}

		// Stateless: every instance is equal, so it never splits the context cache.
		@Override
		public boolean equals(Object other) {
			return other instanceof StartupScopeContextCustomizer;
		}

		@Override
		public int hashCode() {
			return StartupScopeContextCustomizer.class.hashCode();
		}

	}

}
