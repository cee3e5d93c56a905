package dev.tempguard.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.impl.SimpleLog;

/**
 * A Commons Logging log that keeps each line logged, {@code <LEVEL> <message>}, instead
 * of printing it: for a class that is given its log, since the test class path has no
 * logging system to capture.
 */
public final class RecordingLog extends SimpleLog {

	private static final long serialVersionUID = 1L;

	private static final List<String> LEVELS = List.of("", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final List<String> warnings = new CopyOnWriteArrayList<>();

	public RecordingLog() {
		super("recording");
		setLevel(LOG_LEVEL_ALL);
	}

	@Override
	protected void log(int type, Object message, Throwable thrown) {
		this.lines.add(LEVELS.get(type) + " " + message);
		if (type >= LOG_LEVEL_WARN) {
			this.warnings.add(String.valueOf(message));
		}
	}

	/** The messages of the warnings (and worse), in order. */
	public List<String> warnings() {
		return List.copyOf(this.warnings);
	}

	/** What was logged, in order. */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

}
