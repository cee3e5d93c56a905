package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.util.List;

import dev.tempguard.Leak;

/**
 * What one test context did with temporary files, for the end-of-run summary and report.
 *
 * @param context the context's id
 * @param displayName how JUnit names it for people; its id when JUnit gave none
 * @param testClass the test class's name, empty for the run
 * @param kind {@code method}, {@code class}, {@code run}, or {@code tests} for a class's
 * clean tests added up
 * @param failed whether its test failed
 * @param files paths it tracked when cleaned
 * @param bytes their size
 * @param leaks what it left behind, each with its disposition
 * @param kept paths kept on purpose
 * @param cleanupNanos time spent cleaning it
 */
public record TestRecord(String context, String displayName, String testClass, String kind, boolean failed, int files,
		long bytes, List<LeakRecord> leaks, List<Path> kept, long cleanupNanos) {

	public TestRecord {
		leaks = List.copyOf(leaks);
		kept = List.copyOf(kept);
	}

	/**
	 * A leak and whether it is new, allowed or known.
	 *
	 * @param leak the leak
	 * @param disposition its disposition
	 */
	public record LeakRecord(Leak leak, RunReport.Disposition disposition) {

	}

}
