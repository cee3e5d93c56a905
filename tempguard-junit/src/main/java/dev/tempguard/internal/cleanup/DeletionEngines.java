package dev.tempguard.internal.cleanup;

import java.nio.file.Path;

/**
 * The deletion engine in use, with a guard that protects every root-dir seen so far
 * (several application contexts in one JVM may each set their own).
 */
public final class DeletionEngines {

	private volatile PathGuard guard = PathGuard.defaults();

	private volatile DeletionEngine engine = new DeletionEngine(this.guard);

	public DeletionEngine current() {
		return this.engine;
	}

	public PathGuard guard() {
		return this.guard;
	}

	/** Protects {@code rootDir} itself from registration and deletion from now on. */
	public synchronized void protect(Path rootDir) {
		if (!this.guard.isDangerous(rootDir)) {
			this.guard = this.guard.with(rootDir);
			this.engine = new DeletionEngine(this.guard);
		}
	}

}
