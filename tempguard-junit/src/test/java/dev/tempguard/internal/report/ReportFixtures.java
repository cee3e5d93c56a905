package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.tempguard.CleanupResult;
import dev.tempguard.Leak;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.runtime.TestRuntimes;

/**
 * A run as the test listener records it: a service test class whose methods pass, fail
 * with a kept path, and create many files; an upload test class with an undeletable and
 * an untracked leak.
 */
final class ReportFixtures {

	static final Path KEPT = Path.of("/tmp/tempguard/run-1/export-kept.csv");

	static final Path LOCKED = Path.of("/tmp/tempguard/run-1/locked.bin");

	static final Path UNTRACKED = Path.of("/tmp/upload-1234.part");

	private ReportFixtures() {
	}

	/** A runtime whose recorder and counters hold the run above. */
	static TempGuardRuntime run() {
		TempGuardRuntime runtime = TestRuntimes.create();
		Scope serviceClass = runtime.scopes().openClass(ServiceTests.class);
		record(runtime, runtime.scopes().openMethod(ServiceTests.class, "importsOrders"), false, 3, 1_200, 2_000_000,
				List.of(), List.of());
		record(runtime, runtime.scopes().openMethod(ServiceTests.class, "exportsOrders"), true, 2, 640, 1_500_000,
				List.of(), List.of(KEPT));
		record(runtime, runtime.scopes().openMethod(ServiceTests.class, "importsADirectory"), false, 12, 48_000,
				7_000_000, List.of(), List.of());
		record(runtime, serviceClass, false, 1, 10, 300_000, List.of(), List.of());
		Scope uploadClass = runtime.scopes().openClass(UploadTests.class);
		Leak locked = new Leak("x", LOCKED, Leak.Reason.UNDELETABLE, 2_048, 1,
				new java.nio.file.AccessDeniedException(LOCKED.toString()));
		Leak untracked = new Leak("x", UNTRACKED, Leak.Reason.UNTRACKED, 100, 1, null);
		record(runtime, runtime.scopes().openMethod(UploadTests.class, "uploadsAFile"), false, 1, 2_048, 900_000,
				List.of(locked, untracked), List.of());
		record(runtime, uploadClass, false, 0, 0, 100_000, List.of(), List.of());
		return runtime;
	}

	private static void record(TempGuardRuntime runtime, Scope scope, boolean failed, int files, long bytes, long nanos,
			List<Leak> leaks, List<Path> kept) {
		if (failed) {
			scope.markFailed();
		}
		for (int i = 0; i < files; i++) {
			runtime.counters().created(false);
		}
		List<Leak> undeletable = leaks.stream().filter((leak) -> leak.reason() == Leak.Reason.UNDELETABLE).toList();
		List<Leak> untracked = leaks.stream().filter((leak) -> leak.reason() == Leak.Reason.UNTRACKED).toList();
		runtime.counters().cleaned(files - undeletable.size() - kept.size(), undeletable.size(), kept.size(), 0);
		runtime.counters().untrackedLeaks(untracked.size());
		runtime.counters().cleaning(scope.kind() == Scope.Kind.METHOD, nanos);
		ScopeCleanup cleanup = new ScopeCleanup(scope.id(), new CleanupResult(List.of(), kept, List.of()), undeletable,
				files, bytes, Duration.ofNanos(nanos));
		runtime.recorder().record(scope, cleanup, untracked);
	}

	/** A fork's report of {@code runtime} with the given identity. */
	static RunReport forkReport(TempGuardRuntime runtime, long pid, Long parentPid, String start) {
		return forkReport(runtime, pid, parentPid, start, start.replace(":00Z", ":30Z"));
	}

	/** A fork's report of {@code runtime} with the given identity and life. */
	static RunReport forkReport(TempGuardRuntime runtime, long pid, Long parentPid, String start, String end) {
		RunReport.Fork fork = new RunReport.Fork(pid, parentPid, "build-host", start, end);
		return RunReport.of(fork, runtime.recorder(), runtime.counters());
	}

	static class ServiceTests {

	}

	static class UploadTests {

	}

}
