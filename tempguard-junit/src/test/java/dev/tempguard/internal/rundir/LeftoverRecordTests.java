package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeftoverRecord}: what a run records survives a round trip through its
 * file, and deleting a recorded entry never reaches beyond what was recorded, whatever
 * the record says.
 */
class LeftoverRecordTests {

	@TempDir
	Path temp;

	private Path tmpdir;

	private Path runDirectory;

	private final DeletionEngine engine = new DeletionEngine(PathGuard.defaults());

	@BeforeEach
	void setUp() throws IOException {
		this.tmpdir = Files.createDirectory(this.temp.resolve("tmp"));
		this.runDirectory = Files.createDirectory(this.temp.resolve("run-1"));
	}

	@Test
	void aRecordReadsBackAsItWasWrittenOddNamesIncluded() throws IOException {
		Path odd = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1 é\tx=y:z#"));
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.2"));
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(LeftoverRecord.Entry.of(odd, "tomcat.*"), LeftoverRecord.Entry.of(tomcat, "tomcat.*")));

		record.write(this.runDirectory);

		assertThat(LeftoverRecord.read(this.runDirectory)).contains(record);
	}

	@Test
	void writingARecordWithoutEntriesRemovesItsFile() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(tomcat, "tomcat.*"))).write(this.runDirectory);

		new LeftoverRecord(this.tmpdir, List.of()).write(this.runDirectory);

		assertThat(this.runDirectory.resolve(LeftoverRecord.FILE)).doesNotExist();
		assertThat(LeftoverRecord.read(this.runDirectory)).isEmpty();
	}

	@Test
	void anEntryStillAsRecordedIsDeleted() throws IOException {
		Path tomcat = Files.createDirectories(this.tmpdir.resolve("tomcat.0.1").resolve("work"));
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(LeftoverRecord.Entry.of(tomcat.getParent(), "tomcat.*")));

		assertThat(record.delete(this.engine)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.skipped()).isNull());
		assertThat(tomcat.getParent()).doesNotExist();
	}

	@Test
	void aRecordNamingAnEntryOutsideItsTmpdirDeletesNothingThere() throws IOException {
		Path elsewhere = Files.createDirectories(this.temp.resolve("home").resolve("tomcat.0.1"));
		Files.writeString(elsewhere.resolve("precious.txt"), "keep me");
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(LeftoverRecord.Entry.of(elsewhere, "tomcat.*")));

		assertThat(record.delete(this.engine)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.skipped()).startsWith("outside java.io.tmpdir"));
		assertThat(elsewhere.resolve("precious.txt")).hasContent("keep me");
	}

	@Test
	void aRecordedPathThatClimbsOutOfTmpdirIsRefused() throws IOException {
		Path victim = Files.createDirectory(this.temp.resolve("tomcat.0.1"));
		String identity = LeftoverRecord.Entry.of(victim, "tomcat.*").identity();
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(new LeftoverRecord.Entry(Path.of(this.tmpdir + "/../tomcat.0.1"), "tomcat.*", identity)));

		record.delete(this.engine);

		assertThat(victim).isDirectory();
	}

	@Test
	void anEntryReachedThroughALinkedDirectoryIsRefused() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Path victim = Files.createDirectory(outside.resolve("tomcat.0.1"));
		Path link = Files.createSymbolicLink(this.tmpdir.resolve("link"), outside);
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(LeftoverRecord.Entry.of(link.resolve("tomcat.0.1"), "tomcat.*")));

		record.delete(this.engine);

		assertThat(victim).isDirectory();
	}

	@Test
	void anEntryWhoseNameDoesNotMatchItsGlobIsRefused() throws IOException {
		Path precious = Files.createDirectory(this.tmpdir.resolve("my-work"));
		LeftoverRecord record = new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(precious, "tomcat.*")));

		assertThat(record.delete(this.engine)).singleElement()
			.satisfies((outcome) -> assertThat(outcome.skipped()).contains("no longer matches tomcat.*"));
		assertThat(precious).isDirectory();
	}

	@Test
	void anEntryReplacedUnderItsNameIsRefusedAndOneThatIsGoneIsNoFailure() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		Path gone = Files.createDirectory(this.tmpdir.resolve("tomcat.0.2"));
		LeftoverRecord record = new LeftoverRecord(this.tmpdir,
				List.of(LeftoverRecord.Entry.of(tomcat, "tomcat.*"), LeftoverRecord.Entry.of(gone, "tomcat.*")));
		Path aside = Files.move(tomcat, this.temp.resolve("aside"));
		Files.createDirectory(tomcat);
		Files.delete(aside);
		Files.delete(gone);

		List<LeftoverRecord.Outcome> outcomes = record.delete(this.engine);

		assertThat(tomcat).isDirectory();
		assertThat(outcomes).extracting(LeftoverRecord.Outcome::skipped)
			.containsExactly("replaced by another entry of the same name since it was recorded", "gone");
		assertThat(outcomes).noneMatch(LeftoverRecord.Outcome::failed);
	}

}
