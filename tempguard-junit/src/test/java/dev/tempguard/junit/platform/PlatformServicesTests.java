package dev.tempguard.junit.platform;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.TestExecutionListener;

import dev.tempguard.junit.TempGuardExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What tempguard's jar registers with the JUnit Platform and JUnit Jupiter through
 * {@link ServiceLoader}: every test is guarded without any configuration of the user's.
 */
class PlatformServicesTests {

	@Test
	void theLauncherFindsTheListenerThatGuardsEveryTest() {
		assertThat(ServiceLoader.load(TestExecutionListener.class).stream().map(ServiceLoader.Provider::type))
			.contains(TempGuardExecutionListener.class);
	}

	@Test
	void theLauncherFindsTheListenerThatLetsJupiterApplyTheExtension() {
		assertThat(ServiceLoader.load(LauncherDiscoveryListener.class).stream().map(ServiceLoader.Provider::type))
			.contains(ExtensionActivation.class);
	}

	@Test
	void jupiterCanDetectTheExtension() {
		assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
			.contains(TempGuardExtension.class);
	}

}
