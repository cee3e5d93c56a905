package dev.tempguard.internal.report;

import java.nio.file.Path;
import java.util.List;

import dev.tempguard.Leak;

/**
 * What one test context did with temporary files, for the end-of-run summary and report.
 *
 * @param context the context's id
 * @param testClass the test class's name ({@code null} for the run)
 * @param kind {@code method}, {@code class}, {@code run}, or {@code tests} for a class's
 * clean tests added up
 * @param failed whether its test failed
 * @param files paths it tracked when cleaned
 * @param bytes their size
 * @param leaks what it left behind
 * @param kept paths kept on purpose
 * @param cleanupNanos time spent cleaning it
 */
public record TestRecord(String context, String testClass, String kind, boolean failed, int files, long bytes,
		List<Leak> leaks, List<Path> kept, long cleanupNanos) {

	public TestRecord {
		leaks = List.copyOf(leaks);
		kept = List.copyOf(kept);
	}

}
