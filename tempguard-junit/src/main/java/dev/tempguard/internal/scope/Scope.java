package dev.tempguard.internal.scope;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tempguard.AllowLeaks;
import dev.tempguard.Leak;

import dev.tempguard.internal.settings.CleanupPolicy;

/**
 * A test context: the run, a test class (a {@code @Nested} class inside its enclosing
 * class), or one invocation of a test method. It tracks the paths created or registered
 * in it until it is cleaned.
 */
public final class Scope {

	/** What a scope stands for. */
	public enum Kind {

		RUN("run"), CLASS("class"),

		/**
		 * A node that groups tests without being a class: a parameterized or repeated
		 * test, a test factory.
		 */
		CONTAINER("container"),

		/** One test: a test method's invocation, a dynamic test. */
		METHOD("method");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		/**
		 * The kind in lower case, as reports show it (one string for every scope of the
		 * kind).
		 */
		public String label() {
			return this.label;
		}

	}

	private final String id;

	private final Kind kind;

	private final @Nullable Scope parent;

	private final @Nullable Class<?> testClass;

	private final Set<TrackedPath> tracked = new LinkedHashSet<>();

	private final Set<Path> appeared = new LinkedHashSet<>();

	private int openChildren;

	private boolean open = true;

	private boolean failed;

	private @Nullable CleanupPolicy policy;

	private volatile @Nullable String displayName;

	private int claim;

	private final List<Leak> escalated = new ArrayList<>();

	private boolean finished;

	private volatile List<AllowLeaks> allowLeaks = List.of();

	Scope(String id, Kind kind, @Nullable Scope parent, @Nullable Class<?> testClass) {
		this.id = id;
		this.kind = kind;
		this.parent = parent;
		this.testClass = testClass;
	}

	public String id() {
		return this.id;
	}

	public Kind kind() {
		return this.kind;
	}

	public @Nullable Scope parent() {
		return this.parent;
	}

	public @Nullable Class<?> testClass() {
		return this.testClass;
	}

	public synchronized boolean isOpen() {
		return this.open;
	}

	synchronized boolean isLeaf() {
		return this.open && this.openChildren == 0;
	}

	synchronized void childOpened() {
		this.openChildren++;
	}

	synchronized void childClosed() {
		this.openChildren--;
	}

	synchronized void close() {
		this.open = false;
	}

	/**
	 * Tracks {@code path} here unless this scope was closed meanwhile.
	 * @return {@link Tracking#CLOSED} when closed, so that the caller tracks it in an
	 * enclosing scope
	 */
	public synchronized Tracking track(TrackedPath path) {
		if (!this.open && this.kind != Kind.RUN) {
			return Tracking.CLOSED;
		}
		return this.tracked.add(path) ? Tracking.ADDED : Tracking.ALREADY_TRACKED;
	}

	/** What {@link #track} did. */
	public enum Tracking {

		ADDED, ALREADY_TRACKED, CLOSED

	}

	/**
	 * Removes and returns what is tracked, newest first, so that children go before their
	 * parents.
	 */
	public synchronized List<TrackedPath> drain() {
		List<TrackedPath> paths = new ArrayList<>(this.tracked);
		this.tracked.clear();
		Collections.reverse(paths);
		return paths;
	}

	/**
	 * An entry appeared in a watched directory while this scope was the narrowest one
	 * certain.
	 */
	public synchronized void appeared(Path entry) {
		this.appeared.add(entry);
	}

	/** Stops holding an entry: it turned out to belong elsewhere. */
	public synchronized void forgetAppeared(Path entry) {
		this.appeared.remove(entry);
	}

	/**
	 * Removes and returns the entries that appeared in watched directories in this scope.
	 */
	public synchronized List<Path> drainAppeared() {
		List<Path> entries = List.copyOf(this.appeared);
		this.appeared.clear();
		return entries;
	}

	public synchronized boolean tracks(Path path) {
		return this.tracked.contains(TrackedPath.key(path));
	}

	public synchronized int trackedCount() {
		return this.tracked.size();
	}

	public synchronized List<TrackedPath> tracked() {
		return List.copyOf(this.tracked);
	}

	/** Marks that a test failed in this scope or below it. */
	public void markFailed() {
		for (Scope scope = this; scope != null; scope = scope.parent) {
			synchronized (scope) {
				scope.failed = true;
			}
		}
	}

	public synchronized boolean failed() {
		return this.failed;
	}

	/**
	 * How to clean this scope, as the Spring integration resolved it from the test's
	 * application context.
	 */
	public synchronized void policy(CleanupPolicy policy) {
		this.policy = policy;
	}

	public synchronized @Nullable CleanupPolicy policy() {
		return this.policy;
	}

	/**
	 * Claims the end of this context for an integration: the one with the highest level
	 * claimed finishes it, because its callbacks run last (the JUnit extension wraps the
	 * Spring listener).
	 * @param level the integration's level
	 */
	public synchronized void claim(int level) {
		this.claim = Math.max(this.claim, level);
	}

	/** The highest level claimed, 0 when none. */
	public synchronized int claimed() {
		return this.claim;
	}

	/**
	 * Takes the leaks of a context below this one whose end could not fail a test (a
	 * dynamic test, a test no integration inside the test engine ended): this context's
	 * end fails with them.
	 */
	public synchronized void escalate(List<Leak> leaks) {
		this.escalated.addAll(leaks);
	}

	/** Removes and returns the leaks escalated to this context. */
	public synchronized List<Leak> drainEscalated() {
		List<Leak> leaks = List.copyOf(this.escalated);
		this.escalated.clear();
		return leaks;
	}

	/**
	 * Marks this context finished (cleaned and checked).
	 * @return {@code true} the first time only
	 */
	public synchronized boolean markFinished() {
		if (this.finished) {
			return false;
		}
		this.finished = true;
		return true;
	}

	public synchronized boolean finished() {
		return this.finished;
	}

	/**
	 * The {@link AllowLeaks} annotations of this context's own test method or class (an
	 * enclosing context's are its own), as the integration that opened it read them.
	 */
	public void allowLeaks(List<AllowLeaks> allowLeaks) {
		this.allowLeaks = List.copyOf(allowLeaks);
	}

	public List<AllowLeaks> allowLeaks() {
		return this.allowLeaks;
	}

	/**
	 * How the test framework names this context for people, such as
	 * {@code ReportTests > exports(String) > [1] "a"}; its id when the framework gave
	 * none.
	 */
	public String displayName() {
		String name = this.displayName;
		return (name != null) ? name : this.id;
	}

	public void displayName(String displayName) {
		this.displayName = displayName;
	}

	@Override
	public String toString() {
		return this.id;
	}

}
