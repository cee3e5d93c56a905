package dev.tempguard.testing;

import java.util.List;

import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.report.TestRecord;
import dev.tempguard.internal.runtime.TempGuardRuntime;

/**
 * What the JVM-wide runtime recorded of the contexts that fixture runs cleaned, for the
 * report.
 */
public final class RecordedLeaks {

	private RecordedLeaks() {
	}

	/**
	 * The dispositions of the leaks of the context {@code context}, as it was last
	 * recorded.
	 */
	public static List<RunReport.Disposition> dispositions(String context) {
		return leaks(context).stream().map(TestRecord.LeakRecord::disposition).toList();
	}

	/**
	 * The leaks of the context {@code context}, each with its disposition, as it was last
	 * recorded.
	 */
	public static List<TestRecord.LeakRecord> leaks(String context) {
		List<TestRecord> records = TempGuardRuntime.get()
			.recorder()
			.records()
			.stream()
			.filter((record) -> record.context().equals(context))
			.toList();
		if (records.isEmpty()) {
			throw new AssertionError("no record of " + context);
		}
		return records.get(records.size() - 1).leaks();
	}

}
