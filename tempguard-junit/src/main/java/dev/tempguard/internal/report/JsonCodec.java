package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link RunReport} as JSON with Jackson. Jackson is optional: only
 * {@link ReportWriter} uses this class, once it has checked that Jackson is there, so
 * that nothing else loads it.
 */
final class JsonCodec {

	private static final JsonMapper mapper = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private JsonCodec() {
	}

	static String write(RunReport report) {
		return mapper.writeValueAsString(report);
	}

	static RunReport read(Path file) throws IOException {
		try {
			return mapper.readValue(Files.readString(file), RunReport.class);
		}
		catch (JacksonException ex) {
			throw new IOException("not a tempguard report: " + file + " (" + ex.getOriginalMessage() + ")", ex);
		}
	}

}
