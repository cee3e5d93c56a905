package dev.tempguard.spring.testcontext;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;

import dev.tempguard.internal.runtime.TempGuardRuntime;

/**
 * Whether tempguard is on for an application context: off when its settings say
 * {@code tempguard.enabled=false}, or when the test run's do (a JUnit configuration
 * parameter, which the context's settings do not see).
 */
public final class TempGuardEnabled {

	/** The property. */
	public static final String PROPERTY = "tempguard.enabled";

	private TempGuardEnabled() {
	}

	/**
	 * Whether {@code environment} leaves tempguard on: its {@value #PROPERTY},
	 * {@code true} when it is not set; a value that is not a boolean counts as on, and
	 * binding tempguard's properties then fails naming it.
	 */
	public static boolean in(Environment environment) {
		try {
			return environment.getProperty(PROPERTY, Boolean.class, true);
		}
		catch (ConversionException | IllegalArgumentException ex) {
			return true;
		}
	}

	/**
	 * Where {@code tempguard.enabled=false} turned tempguard off for a context of
	 * {@code environment}, in words for an error message; {@code null} when it is on.
	 */
	public static @Nullable String offReason(Environment environment) {
		if (!in(environment)) {
			return PROPERTY + "=false in the application context's settings (application-test.yml,"
					+ " @SpringBootTest(properties = ...), a system property)";
		}
		if (TempGuardRuntime.get().disabledForTheRun()) {
			return PROPERTY + "=false for the test run (a JUnit configuration parameter, such as in"
					+ " junit-platform.properties)";
		}
		return null;
	}

}
