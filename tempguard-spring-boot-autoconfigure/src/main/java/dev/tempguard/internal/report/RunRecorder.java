package dev.tempguard.internal.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.scope.Scope;

/**
 * Keeps a record of each cleaned test context for the report, and the most recent leaks for the endpoint.
 */
public final class RunRecorder {

	private static final int RECENT_LEAKS = 50;

	private final Queue<TestRecord> records = new ConcurrentLinkedQueue<>();

	private final Deque<Leak> recentLeaks = new ArrayDeque<>();

	public void record(Scope scope, ScopeCleanup cleanup, List<Leak> untracked) {
		List<Leak> leaks = new ArrayList<>(cleanup.leaks());
		leaks.addAll(untracked);
		Class<?> testClass = scope.testClass();
		this.records.add(new TestRecord(scope.id(), (testClass != null) ? testClass.getName() : "",
				scope.kind().label(), scope.failed(), cleanup.files(), cleanup.bytes(), leaks,
				cleanup.result().kept(), cleanup.duration().toNanos()));
		synchronized (this.recentLeaks) {
			for (Leak leak : leaks) {
				if (this.recentLeaks.size() == RECENT_LEAKS) {
					this.recentLeaks.removeFirst();
				}
				this.recentLeaks.addLast(leak);
			}
		}
	}

	/** Every record so far, in the order the contexts were cleaned. */
	public List<TestRecord> records() {
		return List.copyOf(this.records);
	}

	/** The most recent leaks, oldest first. */
	public List<Leak> recentLeaks() {
		synchronized (this.recentLeaks) {
			return List.copyOf(this.recentLeaks);
		}
	}

}
