package dev.tempguard.internal.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.tempguard.Leak;
import dev.tempguard.TempGuardView;
import dev.tempguard.TempStats;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.TrackedPath;

/** The {@link TempGuardView} of a runtime. */
final class RuntimeView implements TempGuardView {

	private final TempGuardRuntime runtime;

	RuntimeView(TempGuardRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public TempStats stats() {
		return this.runtime.counters().stats(this.runtime.scopes().trackedByContext());
	}

	@Override
	public List<Leak> recentLeaks() {
		return this.runtime.recorder().recentLeaks();
	}

	@Override
	public Optional<Context> context(String id) {
		return this.runtime.scopes().find(id).map(RuntimeView::context);
	}

	private static Context context(Scope scope) {
		return new Context(scope.id(), scope.kind().label(),
				scope.tracked()
					.stream()
					.map((TrackedPath tracked) -> new Tracked(tracked.path(), tracked.directory()))
					.toList());
	}

	@Override
	public List<Path> rootDirectories() {
		return this.runtime.rootDirectories();
	}

	@Override
	public long createdFiles() {
		return this.runtime.counters().createdFiles();
	}

	@Override
	public long createdDirectories() {
		return this.runtime.counters().createdDirectories();
	}

	@Override
	public long deleted() {
		return this.runtime.counters().deleted();
	}

	@Override
	public long leaked() {
		return this.runtime.counters().leaked();
	}

	@Override
	public long untrackedLeaks() {
		return this.runtime.counters().untrackedLeaks();
	}

	@Override
	public long cleanupFailures() {
		return this.runtime.counters().cleanupFailures();
	}

	@Override
	public int trackedNow() {
		return this.runtime.scopes().trackedCount();
	}

	@Override
	public long cleanings() {
		return this.runtime.counters().cleanings();
	}

	@Override
	public long cleanupNanos() {
		return this.runtime.counters().cleanupNanos();
	}

	@Override
	public LeakDispositions leakDispositions() {
		RunReport.Findings findings = this.runtime.recorder().findings(this.runtime.counters());
		return new LeakDispositions(findings.newLeaks(), findings.allowed(), findings.known(), findings.fixed());
	}

}
