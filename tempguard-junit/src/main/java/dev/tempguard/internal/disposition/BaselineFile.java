package dev.tempguard.internal.disposition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline file, as people read it in a diff: a format version and the entries, one
 * per line, sorted by test.
 *
 * <pre class="code">
 * {
 *   "version" : 1,
 *   "entries" : [
 *     { "test" : "com.example.ExportTests#exportsCsv[1]", "site" : "com.example.CsvExporter.export" },
 *     { "test" : "com.example.UploadTests#uploads[1]", "name" : "upload-*.tmp", "note" : "GH-12" }
 *   ]
 * }
 * </pre>
 *
 * Reading refuses, naming the file and the line (and the entry), a file that is missing,
 * is not JSON, is of another format version, or holds an entry that is not one: a
 * baseline is never taken for empty. Uses Jackson: check that it is there first.
 */
final class BaselineFile {

	/** The setting that names the file, for messages. */
	static final String SETTING = "tempguard.baseline";

	/** The format of the file. */
	static final int VERSION = 1;

	private static final String FIX = "; fix it, or write the baseline again from a test run's report with"
			+ " mvn tempguard:baseline (see docs/baseline.md)";

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private BaselineFile() {
	}

	/**
	 * The entries of {@code file}.
	 * @throws IllegalArgumentException naming the file, and the line and the entry, of
	 * what is wrong
	 */
	static List<BaselineEntry> read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException(SETTING + "=" + file + " does not exist; write it from a test run's"
					+ " report with mvn tempguard:baseline -D" + SETTING + "=" + file
					+ " (see docs/baseline.md), or remove the setting");
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(SETTING + "=" + file + " cannot be read (" + ex + ")" + FIX, ex);
		}
		try (JsonParser parser = mapper.createParser(text)) {
			return new Reader(file, parser).read();
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			throw new IllegalArgumentException(
					SETTING + "=" + file + " is not valid JSON" + where + ": " + ex.getOriginalMessage() + FIX, ex);
		}
	}

	/** The file of {@code entries}, sorted, one per line. */
	static String write(Collection<BaselineEntry> entries) {
		List<BaselineEntry> sorted = new ArrayList<>(entries);
		sorted.sort(BaselineEntry.ORDER);
		StringBuilder json = new StringBuilder("{\n  \"version\" : ").append(VERSION).append(",\n  \"entries\" : [");
		for (int i = 0; i < sorted.size(); i++) {
			BaselineEntry entry = sorted.get(i);
			json.append((i == 0) ? "\n" : ",\n").append("    { \"test\" : ").append(quote(entry.test()));
			if (entry.site() != null) {
				json.append(", \"site\" : ").append(quote(entry.site()));
			}
			if (entry.name() != null) {
				json.append(", \"name\" : ").append(quote(entry.name()));
			}
			if (!entry.note().isEmpty()) {
				json.append(", \"note\" : ").append(quote(entry.note()));
			}
			json.append(" }");
		}
		return json.append(sorted.isEmpty() ? " ]\n" : "\n  ]\n").append("}\n").toString();
	}

	private static String quote(@Nullable String value) {
		return mapper.writeValueAsString(value);
	}

	/** Reads one file, token by token, to say on which line something is wrong. */
	private static final class Reader {

		private final Path file;

		private final JsonParser parser;

		Reader(Path file, JsonParser parser) {
			this.file = file;
			this.parser = parser;
		}

		List<BaselineEntry> read() {
			if (this.parser.nextToken() != JsonToken.START_OBJECT) {
				throw problem(line(), "is not a tempguard baseline: it does not hold a JSON object");
			}
			Integer version = null;
			List<BaselineEntry> entries = null;
			while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = this.parser.currentName();
				int line = line();
				JsonToken value = this.parser.nextToken();
				switch (field) {
					case "version" -> version = version(line, value);
					case "entries" -> entries = entries(line, value);
					default -> throw problem(line,
							"has an unknown field \"" + field + "\"; a baseline has a version and entries");
				}
			}
			if (this.parser.nextToken() != null) {
				throw problem(line(), "holds more than the baseline's object");
			}
			if (version == null) {
				throw problem(0,
						"declares no format version (\"version\" : " + VERSION + "): is it a tempguard" + " baseline?");
			}
			if (entries == null) {
				throw problem(0, "has no \"entries\"");
			}
			return entries;
		}

		private int version(int line, JsonToken value) {
			if (value != JsonToken.VALUE_NUMBER_INT) {
				throw problem(line, "has a \"version\" that is not a whole number");
			}
			int version = this.parser.getIntValue();
			if (version != VERSION) {
				throw new IllegalArgumentException(SETTING + "=" + this.file + " is a baseline of format version "
						+ version + " (line " + line + "), and this tempguard reads version " + VERSION
						+ "; use it with the tempguard version that wrote it, or write it again with mvn"
						+ " tempguard:baseline");
			}
			return version;
		}

		private List<BaselineEntry> entries(int line, JsonToken value) {
			if (value != JsonToken.START_ARRAY) {
				throw problem(line, "has \"entries\" that are not an array");
			}
			List<BaselineEntry> entries = new ArrayList<>();
			Map<String, Integer> lines = new HashMap<>();
			while (this.parser.nextToken() != JsonToken.END_ARRAY) {
				BaselineEntry entry = entry(entries.size() + 1);
				Integer first = lines.putIfAbsent(entry.key(), entry.line());
				if (first != null) {
					throw entryProblem(entry.line(), entries.size() + 1,
							"repeats the entry of line " + first + " (" + entry.key() + ")");
				}
				entries.add(entry);
			}
			return entries;
		}

		private BaselineEntry entry(int index) {
			int line = line();
			if (this.parser.currentToken() != JsonToken.START_OBJECT) {
				throw entryProblem(line, index, "is not an object");
			}
			Map<String, String> fields = new HashMap<>();
			while (this.parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String field = this.parser.currentName();
				int fieldLine = line();
				if (this.parser.nextToken() != JsonToken.VALUE_STRING) {
					throw entryProblem(fieldLine, index, "has a \"" + field + "\" that is not a string");
				}
				if (!List.of("test", "site", "name", "note").contains(field)) {
					throw entryProblem(fieldLine, index, "has an unknown field \"" + field
							+ "\"; an entry has a test, a site or a name, and maybe a note");
				}
				fields.put(field, this.parser.getString().trim());
			}
			String test = fields.getOrDefault("test", "");
			String site = blankToNull(fields.get("site"));
			String name = blankToNull(fields.get("name"));
			if (test.isEmpty()) {
				throw entryProblem(line, index, "has no \"test\" (the id of the test context, as the report names it)");
			}
			if ((site == null) == (name == null)) {
				throw entryProblem(line, index, ((site == null) ? "has neither a \"site\" nor a \"name\""
						: "has both a \"site\" and a \"name\"") + "; give one");
			}
			if (name != null && name.contains("/")) {
				throw entryProblem(line, index, "has a \"name\" with a /: it is a pattern of the file's name");
			}
			try {
				return new BaselineEntry(test, site, name, fields.getOrDefault("note", ""), line);
			}
			catch (PatternSyntaxException ex) {
				throw entryProblem(line, index, "has a \"name\" that is not a glob (" + ex.getDescription() + ")");
			}
		}

		private int line() {
			return this.parser.currentTokenLocation().getLineNr();
		}

		private IllegalArgumentException problem(int line, String what) {
			return new IllegalArgumentException(
					SETTING + "=" + this.file + ((line > 0) ? " (line " + line + ")" : "") + " " + what + FIX);
		}

		private IllegalArgumentException entryProblem(int line, int index, String what) {
			return new IllegalArgumentException(
					SETTING + "=" + this.file + ", line " + line + ": entry " + index + " " + what + FIX);
		}

		private static @Nullable String blankToNull(@Nullable String value) {
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

}
