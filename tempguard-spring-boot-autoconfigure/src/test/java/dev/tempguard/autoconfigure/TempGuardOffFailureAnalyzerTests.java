package dev.tempguard.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempGuardView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TempGuardOffFailureAnalyzer}: a missing registry where tempguard is
 * off is explained by the property and where it was set; anything else is left to Spring
 * Boot's own analysis.
 */
class TempGuardOffFailureAnalyzerTests {

	@Test
	void aMissingRegistryWhereTheContextTurnedTempguardOffNamesTheProperty() {
		FailureAnalysis analysis = analyzer("false").analyze(failure(TempFileRegistry.class));

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("No TempFileRegistry bean can be injected: tempguard is off,"
				+ " tempguard.enabled=false in the application context's settings (application-test.yml,"
				+ " @SpringBootTest(properties = ...), a system property).");
		assertThat(analysis.getAction())
			.startsWith("Remove tempguard.enabled=false to use tempguard's TempFileRegistry");
	}

	@Test
	void aMissingViewIsExplainedToo() {
		assertThat(analyzer("false").analyze(failure(TempGuardView.class))).isNotNull();
	}

	@Test
	void aMissingRegistryWhereTempguardIsOnIsLeftToSpringBoot() {
		assertThat(analyzer("true").analyze(failure(TempFileRegistry.class))).isNull();
	}

	@Test
	void anotherMissingBeanIsLeftToSpringBoot() {
		assertThat(analyzer("false").analyze(failure(Runnable.class))).isNull();
	}

	@Test
	void itComesBeforeSpringBootsAnalysisOfAMissingBean() {
		assertThat(analyzer("false").getOrder()).isEqualTo(Integer.MIN_VALUE);
	}

	private static TempGuardOffFailureAnalyzer analyzer(String enabled) {
		return new TempGuardOffFailureAnalyzer(new MockEnvironment().withProperty("tempguard.enabled", enabled));
	}

	// as Spring reports a bean whose dependency is missing
	private static Throwable failure(Class<?> missing) {
		return new UnsatisfiedDependencyException(null, "reportService", "registry",
				new NoSuchBeanDefinitionException(missing));
	}

}
