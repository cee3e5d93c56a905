package dev.tempguard.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempGuardView;
import dev.tempguard.spring.testcontext.TempGuardEnabled;

/**
 * Says why there is no {@link TempFileRegistry} (or {@link TempGuardView}) to inject when
 * tempguard is off, naming {@code tempguard.enabled} and where it was set: Spring Boot
 * reports it when an application context fails to start (in a test, before "Failed to
 * load ApplicationContext"). Ahead of Spring Boot's own analysis of a missing bean, which
 * would list every bean method instead.
 */
class TempGuardOffFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

	private final Environment environment;

	TempGuardOffFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		ResolvableType type = cause.getResolvableType();
		Class<?> missing = (type != null) ? type.resolve() : null;
		if (missing != TempFileRegistry.class && missing != TempGuardView.class) {
			return null;
		}
		String off = TempGuardEnabled.offReason(this.environment);
		if (off == null) {
			return null;
		}
		return new FailureAnalysis(
				"No " + missing.getSimpleName() + " bean can be injected: tempguard is off, " + off + ".",
				"Remove tempguard.enabled=false to use tempguard's " + missing.getSimpleName()
						+ ", or do not inject it in tests whose application context has tempguard off.",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
