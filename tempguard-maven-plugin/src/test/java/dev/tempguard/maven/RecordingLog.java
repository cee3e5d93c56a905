package dev.tempguard.maven;

import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Maven log that keeps the INFO lines a goal logs, and prints them too. */
class RecordingLog extends SystemStreamLog {

	final List<String> lines = new ArrayList<>();

	@Override
	public void info(CharSequence content) {
		this.lines.add(content.toString());
		super.info(content);
	}

	String text() {
		return String.join("\n", this.lines);
	}

}
