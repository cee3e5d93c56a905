package dev.tempguard.autoconfigure;

import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.settings.TempGuardSettings;

/**
 * Starts what an application context's settings ask for once its singletons exist: the
 * sweep of root-dir (once per root-dir and JVM) and leak detection in the watched
 * directories.
 */
final class TempGuardStartup implements SmartInitializingSingleton {

	private final TempGuardRuntime runtime;

	private final TempGuardSettings settings;

	TempGuardStartup(TempGuardRuntime runtime, TempGuardSettings settings) {
		this.runtime = runtime;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.runtime.start(this.settings);
	}

}
