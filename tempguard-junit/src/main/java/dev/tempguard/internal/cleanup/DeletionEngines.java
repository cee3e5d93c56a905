package dev.tempguard.internal.cleanup;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The deletion engine in use, with a guard that protects every root-dir seen so far
 * (several application contexts in one JVM may each set their own).
 */
public final class DeletionEngines {

	private volatile PathGuard guard = PathGuard.defaults();

	private volatile Function<PathGuard, DeletionEngine> factory = DeletionEngine::new;

	private volatile DeletionEngine engine = this.factory.apply(this.guard);

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
			this.engine = this.factory.apply(this.guard);
		}
	}

	/**
	 * Deletes, from now on, through engines that {@code factory} makes for the guard in
	 * use: the seam through which tests inject file system faults.
	 */
	synchronized void factory(Function<PathGuard, DeletionEngine> factory) {
		this.factory = factory;
		this.engine = factory.apply(this.guard);
	}

}
