package dev.tempguard.internal.runtime;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.CleanupResult;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.internal.cleanup.PathSize;
import dev.tempguard.internal.leak.FrameworkLeftovers;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.report.ConsoleSummary;
import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.report.RunReports;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.stats.Counters;

/**
 * The end of a test run: cleans the contexts still open (deepest first, the run last),
 * takes what application contexts left when they started, then removes the run
 * directories, but those holding files kept on purpose and the one that records framework
 * leftovers still to delete (removed at the end of the JVM, once they are: see
 * {@link LeftoversAtExit}). Leak detection goes on until the end of the JVM, which looks
 * a last time at what appeared after the run ended (see {@link LeaksAtExit}).
 */
public final class RunEnd {

	private static final Log logger = LogFactory.getLog(RunEnd.class);

	private RunEnd() {
	}

	public static synchronized void endRun(TempGuardRuntime runtime) {
		cleanOpenScopes(runtime);
		FrameworkLeftovers leftovers = runtime.frameworkLeftovers();
		leftovers.appeared(runtime.leakDetector().startupLeftovers());
		runtime.leftoversAtExit().scheduleIfNeeded();
		// leak detection stays on for a last look at the end of the JVM, which stops it:
		// it holds nothing open on what is deleted here (snapshots hold nothing, inotify
		// watches only the watched directories themselves)
		runtime.leaksAtExit().scheduleOnce();
		for (FrameworkLeftovers.Found found : leftovers.found()) {
			record(runtime, found);
		}
		removeRunDirectories(runtime);
		Counters counters = runtime.counters();
		if (counters.testsCleaned() > 0 || counters.created() > 0) {
			ReportSettings report = runtime.recorder().report();
			String summary = RunReports.endOfRun(runtime.recorder(), counters,
					(report.dir() != null) ? report.dir() : ReportWriter.defaultDirectory());
			if (report.prints()) {
				StringBuilder printed = new StringBuilder(summary);
				runtime.notes().forEach((note) -> printed.append('\n').append(ConsoleSummary.note(note)));
				System.out.println(printed);
			}
		}
	}

	private static void cleanOpenScopes(TempGuardRuntime runtime) {
		List<Scope> scopes = runtime.scopes()
			.all()
			.stream()
			.sorted(Comparator.comparingInt(RunEnd::depth).reversed())
			.toList();
		for (Scope scope : scopes) {
			CleanupPolicy policy = runtime.lifecycle().policyOf(scope);
			if (scope.kind() != Scope.Kind.RUN) {
				// nothing is left to fail at the end of the run: leaks are logged
				ScopeEnd.finish(runtime, scope, policy.reportOnly(), false);
				continue;
			}
			// what the run holds still, no test class ended after it to fail for it: an
			// error when leaks fail tests (a Spring test's context may say so, not the
			// run)
			boolean failOnLeak = policy.failOnLeak() || runtime.runLeaks().failOnLeak();
			ScopeEnd.finish(runtime, scope,
					new CleanupPolicy(policy.mode(), failOnLeak, policy.deleteUntracked(), policy.baseline()), false)
				.ifPresent((error) -> logger.error(error.getMessage() + System.lineSeparator()
						+ "  tempguard.fail-on-leak=true, but no test class ended after they appeared to fail for"
						+ " them: the run ends, nothing is left to fail. See " + TempFileLeakError.DOCS));
		}
	}

	/**
	 * Deletes each run directory, its lock released before its lock file is deleted (see
	 * {@link RunDirectory#delete}); one holding kept files stays, unlocked: it is an
	 * orphan that a later sweep deletes once it is older than max-age.
	 */
	private static void removeRunDirectories(TempGuardRuntime runtime) {
		RunDirectory recording = runtime.frameworkLeftovers().recordedIn();
		for (RunDirectory directory : runtime.runDirectories()) {
			if (directory == recording) {
				// locked until its leftovers are deleted: if this JVM dies first, the
				// next sweep finds them recorded in it
				runtime.leftoversAtExit().defer(directory);
				continue;
			}
			removeRunDirectory(runtime, directory);
		}
	}

	/**
	 * Deletes one run directory as {@link #removeRunDirectories} says, and releases its
	 * lock.
	 */
	static synchronized void removeRunDirectory(TempGuardRuntime runtime, RunDirectory directory) {
		try {
			if (runtime.cleaner().keepsSomethingIn(directory.path())) {
				logger.warn("tempguard leaves its run directory " + directory.path()
						+ " in place: it holds files kept for inspection; sweeping deletes it once it is older"
						+ " than tempguard.max-age");
				return;
			}
			CleanupResult result = directory.delete(runtime.engines().current());
			if (!result.successful()) {
				logger.warn(
						"tempguard could not remove its run directory " + directory.path() + ": " + result.failures());
			}
		}
		finally {
			directory.close();
		}
	}

	/**
	 * Records a framework leftover for the summary and the report, with its size now; one
	 * left that is gone meanwhile (its owner deleted it) is not a leftover.
	 */
	private static void record(TempGuardRuntime runtime, FrameworkLeftovers.Found found) {
		if (found.status() == FrameworkLeftovers.Status.LEFT
				&& !Files.exists(found.path(), LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		PathSize size = PathSize.of(found.path());
		runtime.recorder()
			.frameworkLeftover(found.path(), size.bytes(), size.files(),
					(found.kind() != null) ? found.kind().name() : null,
					RunReport.Leftover.Status.valueOf(found.status().name()), found.note(), found.startedBy());
	}

	private static int depth(Scope scope) {
		int depth = 0;
		for (Scope parent = scope.parent(); parent != null; parent = parent.parent()) {
			depth++;
		}
		return depth;
	}

}
