package dev.tempguard.internal.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@link RunReport} and the history of builds as JSON with Jackson.
 * Jackson is optional: only {@link ReportWriter} uses this class, once it has checked
 * that Jackson is there, and {@link ReportMerger}, which only the Maven plugin (that
 * brings Jackson) calls, so that nothing else loads it.
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

	/**
	 * The format version {@code file} declares, read before the rest so that a report of
	 * another version is told apart from one that is not a report.
	 * @return its {@code version}, 0 when it declares none
	 * @throws IOException when it cannot be read or is not JSON
	 */
	static int version(Path file) throws IOException {
		try {
			JsonNode version = mapper.readTree(Files.readString(file)).get("version");
			return (version != null && version.isInt()) ? version.asInt() : 0;
		}
		catch (JacksonException ex) {
			throw new IOException("not JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	static RunReport read(Path file) throws IOException {
		return read(file, RunReport.class, "a tempguard report");
	}

	static String writeHistory(ReportHistory.File history) {
		return mapper.writeValueAsString(history);
	}

	static ReportHistory.File readHistory(Path file) throws IOException {
		return read(file, ReportHistory.File.class, "a tempguard history of builds");
	}

	private static <T> T read(Path file, Class<T> type, String what) throws IOException {
		try {
			return mapper.readValue(Files.readString(file), type);
		}
		catch (JacksonException ex) {
			throw new IOException("not " + what + ": " + file + " (" + ex.getOriginalMessage() + ")", ex);
		}
	}

}
