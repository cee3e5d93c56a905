package dev.tempguard.internal.leak;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.impl.SimpleLog;

/** A log that keeps the warnings (and worse) it is given, for tests to read. */
final class RecordedLog extends SimpleLog {

	private static final long serialVersionUID = 1L;

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	RecordedLog() {
		super("tempguard-test");
		setLevel(LOG_LEVEL_ALL);
	}

	@Override
	protected void log(int type, Object message, Throwable thrown) {
		if (type >= LOG_LEVEL_WARN) {
			this.warnings.add(String.valueOf(message));
		}
	}

	List<String> warnings() {
		return List.copyOf(this.warnings);
	}

}
