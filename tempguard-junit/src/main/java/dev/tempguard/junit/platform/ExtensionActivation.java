package dev.tempguard.junit.platform;

import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;

/**
 * Lets JUnit Jupiter apply {@link dev.tempguard.junit.TempGuardExtension} to every test
 * class with no annotation, so that a leak fails the test that made it, not only the
 * report: when the user has not configured Jupiter's extension auto-detection, it is
 * turned on for tempguard's extension only (its include pattern keeps every other
 * extension on the class path out). A user who configured auto-detection (a JUnit
 * configuration parameter, {@code junit-platform.properties} or a system property) keeps
 * their setting. Nothing is done when {@code tempguard.enabled=false}.
 * <p>
 * Jupiter reads its configuration from system properties when it is not given explicitly,
 * and only when it needs it, so the properties set here take effect for the discovery
 * that follows; they are taken back at the next discovery before the user's settings are
 * read again.
 */
public final class ExtensionActivation implements LauncherDiscoveryListener {

	static final String AUTODETECTION = "junit.jupiter.extensions.autodetection.enabled";

	static final String INCLUDE = "junit.jupiter.extensions.autodetection.include";

	static final String EXTENSION = "dev.tempguard.junit.TempGuardExtension";

	private static boolean set;

	@Override
	public void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
		synchronized (ExtensionActivation.class) {
			if (set) {
				System.clearProperty(AUTODETECTION);
				System.clearProperty(INCLUDE);
				set = false;
			}
			boolean configured = request.getConfigurationParameters().get(AUTODETECTION).isPresent()
					|| request.getConfigurationParameters().get(INCLUDE).isPresent();
			boolean disabled = request.getConfigurationParameters()
				.get("tempguard.enabled")
				.map((value) -> value.trim().equalsIgnoreCase("false"))
				.orElse(false);
			if (!configured && !disabled) {
				System.setProperty(AUTODETECTION, "true");
				System.setProperty(INCLUDE, EXTENSION);
				set = true;
			}
		}
	}

}
