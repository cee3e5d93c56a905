package dev.tempguard.internal.runtime;

import java.util.Comparator;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tempguard.CleanupResult;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.report.ConsoleSummary;
import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.report.RunReports;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.stats.Counters;

/**
 * The end of a test run: cleans the contexts still open (deepest first, the run last),
 * stops leak detection, then removes the run directories, but those holding files kept on
 * purpose.
 */
public final class RunEnd {

	private static final Log logger = LogFactory.getLog(RunEnd.class);

	private RunEnd() {
	}

	public static synchronized void endRun(TempGuardRuntime runtime) {
		cleanOpenScopes(runtime);
		// nothing of tempguard's may stay open on what is deleted: Windows would refuse
		runtime.leakDetector().close();
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
			// nothing is left to fail at the end of the run: leaks are logged
			ScopeEnd.finish(runtime, scope, runtime.lifecycle().policyOf(scope).reportOnly());
		}
	}

	/**
	 * Deletes each run directory, its lock released before its lock file is deleted (see
	 * {@link RunDirectory#delete}); one holding kept files stays, unlocked: it is an
	 * orphan that a later sweep deletes once it is older than max-age.
	 */
	private static void removeRunDirectories(TempGuardRuntime runtime) {
		for (RunDirectory directory : runtime.runDirectories()) {
			try {
				if (runtime.cleaner().keepsSomethingIn(directory.path())) {
					logger.warn("tempguard leaves its run directory " + directory.path()
							+ " in place: it holds files kept for inspection; sweeping deletes it once it is older"
							+ " than tempguard.max-age");
					continue;
				}
				CleanupResult result = directory.delete(runtime.engines().current());
				if (!result.successful()) {
					logger.warn("tempguard could not remove its run directory " + directory.path() + ": "
							+ result.failures());
				}
			}
			finally {
				directory.close();
			}
		}
	}

	private static int depth(Scope scope) {
		int depth = 0;
		for (Scope parent = scope.parent(); parent != null; parent = parent.parent()) {
			depth++;
		}
		return depth;
	}

}
