package dev.tempguard.internal.disposition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link BaselineFile}: written sorted, one entry per line; read back as
 * written; and a file that is not a baseline refused naming the file and the line.
 */
class BaselineFileTests {

	@TempDir
	Path temp;

	@Test
	void entriesAreWrittenSortedOnePerLineAndReadBack() throws IOException {
		List<BaselineEntry> entries = List.of(new BaselineEntry("shop.B#b[1]", null, "upload-*.tmp", "GH-12", 0),
				new BaselineEntry("shop.A#a[1]", "shop.Csv.write", null, "", 0),
				new BaselineEntry("shop.A#a[1]", null, "a-*.csv", "", 0));

		String json = BaselineFile.write(entries);

		assertThat(json).isEqualTo("""
				{
				  "version" : 1,
				  "entries" : [
				    { "test" : "shop.A#a[1]", "site" : "shop.Csv.write" },
				    { "test" : "shop.A#a[1]", "name" : "a-*.csv" },
				    { "test" : "shop.B#b[1]", "name" : "upload-*.tmp", "note" : "GH-12" }
				  ]
				}
				""");
		Path file = Files.writeString(this.temp.resolve("baseline.json"), json);
		assertThat(BaselineFile.read(file)).extracting(BaselineEntry::key, BaselineEntry::note, BaselineEntry::line)
			.containsExactly(tuple("shop.A#a[1] site=shop.Csv.write", "", 4), tuple("shop.A#a[1] name=a-*.csv", "", 5),
					tuple("shop.B#b[1] name=upload-*.tmp", "GH-12", 6));
	}

	@Test
	void anEmptyBaselineIsWrittenAndReadAsEmpty() throws IOException {
		Path file = Files.writeString(this.temp.resolve("baseline.json"), BaselineFile.write(List.of()));

		assertThat(Files.readString(file)).isEqualTo("{\n  \"version\" : 1,\n  \"entries\" : [ ]\n}\n");
		assertThat(BaselineFile.read(file)).isEmpty();
	}

	@Test
	void aMissingFileIsRefusedNamingItAndHowToWriteIt() {
		Path missing = this.temp.resolve("missing.json");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(missing))
			.withMessage("tempguard.baseline=" + missing + " does not exist; write it from a test run's report with"
					+ " mvn tempguard:baseline -Dtempguard.baseline=" + missing
					+ " (see docs/baseline.md), or remove the setting");
	}

	@Test
	void aFileThatIsNotJsonIsRefusedNamingTheLineAndColumn() throws IOException {
		Path file = write(
				"{\n  \"version\" : 1,\n  \"entries\" : [\n    { \"test\" : \"a\" \"site\" : \"b\" }\n  ]\n}\n");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith("tempguard.baseline=" + file + " is not valid JSON at line 4, column ")
			.withMessageEndingWith("; fix it, or write the baseline again from a test run's report with"
					+ " mvn tempguard:baseline (see docs/baseline.md)");
	}

	@Test
	void aBaselineOfAnotherFormatVersionIsRefusedNamingTheVersions() throws IOException {
		Path file = write("{\n  \"version\" : 2,\n  \"entries\" : [ ]\n}\n");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessage("tempguard.baseline=" + file + " is a baseline of format version 2 (line 2), and this"
					+ " tempguard reads version 1; use it with the tempguard version that wrote it, or write it again"
					+ " with mvn tempguard:baseline");
	}

	@Test
	void aFileWithoutAVersionIsRefused() throws IOException {
		Path file = write("{ \"entries\" : [ ] }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith("tempguard.baseline=" + file + " declares no format version");
	}

	@Test
	void aReportGivenForABaselineIsRefused() throws IOException {
		Path file = write("{\n  \"version\" : 1,\n  \"forks\" : [ ]\n}\n");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith("tempguard.baseline=" + file + " (line 3) has an unknown field \"forks\"");
	}

	@Test
	void anEntryWithoutATestIsRefusedNamingItsLineAndIndex() throws IOException {
		Path file = entries("{ \"test\" : \"a\", \"site\" : \"s\" }", "{ \"site\" : \"s\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith("tempguard.baseline=" + file + ", line 5: entry 2 has no \"test\"");
	}

	@Test
	void anEntryWithBothASiteAndANameIsRefused() throws IOException {
		Path file = entries("{ \"test\" : \"a\", \"site\" : \"s\", \"name\" : \"n-*\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith(
					"tempguard.baseline=" + file + ", line 4: entry 1 has both a \"site\" and a \"name\"; give one");
	}

	@Test
	void anEntryWithAnUnknownFieldIsRefusedNamingTheField() throws IOException {
		Path file = entries("{ \"test\" : \"a\",\n      \"sight\" : \"s\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith("tempguard.baseline=" + file + ", line 5: entry 1 has an unknown field \"sight\"");
	}

	@Test
	void anEntryWhoseValueIsNotAStringIsRefused() throws IOException {
		Path file = entries("{ \"test\" : 3, \"site\" : \"s\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith(
					"tempguard.baseline=" + file + ", line 4: entry 1 has a \"test\" that is not a string");
	}

	@Test
	void aRepeatedEntryIsRefusedNamingBothLines() throws IOException {
		Path file = entries("{ \"test\" : \"a\", \"site\" : \"s\" }", "{ \"test\" : \"a\", \"site\" : \"s\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith(
					"tempguard.baseline=" + file + ", line 5: entry 2 repeats the entry of line 4 (a site=s)");
	}

	@Test
	void aNameThatIsNotAGlobIsRefused() throws IOException {
		Path file = entries("{ \"test\" : \"a\", \"name\" : \"report-[.csv\" }");

		assertThatIllegalArgumentException().isThrownBy(() -> BaselineFile.read(file))
			.withMessageStartingWith(
					"tempguard.baseline=" + file + ", line 4: entry 1 has a \"name\" that is not a glob");
	}

	private Path entries(String... entries) throws IOException {
		return write("{\n  \"version\" : 1,\n  \"entries\" : [\n    " + String.join(",\n    ", entries) + "\n  ]\n}\n");
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.temp.resolve("baseline.json"), content);
	}

}
