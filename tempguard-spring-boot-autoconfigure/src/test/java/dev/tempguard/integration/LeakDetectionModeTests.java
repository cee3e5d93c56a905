package dev.tempguard.integration;

import org.junit.jupiter.api.Test;

import dev.tempguard.testing.LeakDetectionModes;

/**
 * This suite's leak detection runs in the mode the build asked for: inotify as on Linux,
 * or, in the build's second run of the leak-detection suites, snapshots as on macOS and
 * Windows.
 */
class LeakDetectionModeTests {

	@Test
	void leakDetectionRunsInTheModeTheBuildAskedFor() {
		LeakDetectionModes.assertTheRunUsesTheModeItAskedFor();
	}

}
