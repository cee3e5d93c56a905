package dev.tempguard.testing;

import dev.tempguard.internal.leak.EntrySources;
import dev.tempguard.internal.runtime.TempGuardRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the suite runs in the leak detection mode its build asked for
 * ({@code -Dtempguard.leak-detection.mode}): the build runs the leak-detection suites
 * twice, once as on Linux and once as on macOS and Windows.
 */
public final class LeakDetectionModes {

	private LeakDetectionModes() {
	}

	public static void assertTheRunUsesTheModeItAskedFor() {
		String asked = System.getProperty("tempguard.leak-detection.mode", "auto");
		String used = TempGuardRuntime.get().leakDetector().sourceName();
		String expected = asked.equals("snapshot") || EntrySources.inotifyUnavailable() != null ? "snapshot"
				: "inotify";
		assertThat(used).as("leak detection mode, asked for: %s", asked).isEqualTo(expected);
	}

}
