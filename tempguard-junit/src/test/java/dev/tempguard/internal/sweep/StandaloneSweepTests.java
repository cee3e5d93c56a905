package dev.tempguard.internal.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.testing.OrphanedRuns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The sweep without tests, as the Maven plugin runs it: what it deletes and what it
 * lists.
 */
class StandaloneSweepTests {

	@TempDir
	Path temp;

	private Path root;

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	@Test
	void aDryRunListsEachEntryWithAgeSizeAndWhatWouldBeDoneAndDeletesNothing() throws IOException {
		Path old = orphan("run-1-20260101T000000-a", Duration.ofDays(2));
		Path young = orphan("run-2-20260101T000000-b", Duration.ofMinutes(5));
		Path users = Files.createDirectory(this.root.resolve("users-folder"));
		Files.setLastModifiedTime(users, FileTime.from(Instant.now().minus(Duration.ofDays(9))));

		String listing = String.join("\n",
				StandaloneSweep.lines(StandaloneSweep.sweep(this.root, Duration.ofHours(24), true)));

		assertThat(listing)
			.startsWith("tempguard sweep of " + this.root + ": orphans at least 24h old (dry run: nothing is deleted)")
			.containsPattern("\\s+age\\s+size\\s+path\\s+action\n")
			.containsPattern("2d\\s+\\d+ B in 2 files\\s+" + old + "\\s+would delete")
			.containsPattern("5m\\s+\\d+ B in 2 files\\s+" + young + "\\s+kept: younger than max-age")
			.containsPattern("9d\\s+not measured\\s+" + users + "\\s+foreign, not touched")
			.containsPattern("\n1 orphan would be deleted \\(\\d+ B\\); kept: 1 younger than max-age; 1 foreign entry"
					+ " not touched; 0 failed\n")
			.endsWith("that it did not make (it deletes only its own run-* directories and what it set aside);"
					+ " give tempguard a root-dir of its own to keep them apart");
		assertThat(old).isDirectory();
		assertThat(young).isDirectory();
		assertThat(users).isDirectory();
	}

	@Test
	void aSweepDeletesTheOrphansOlderThanMaxAgeAndLeavesForeignEntriesWhateverTheirAge() throws IOException {
		Path old = orphan("run-1-20260101T000000-a", Duration.ofDays(2));
		Path young = orphan("run-2-20260101T000000-b", Duration.ofMinutes(5));
		Path users = Files.writeString(this.root.resolve("users.txt"), "mine");
		Files.setLastModifiedTime(users, FileTime.from(Instant.now().minus(Duration.ofDays(9))));

		SweepReport report = StandaloneSweep.sweep(this.root, Duration.ofHours(24), false);

		assertThat(String.join("\n", StandaloneSweep.lines(report))).containsPattern(old + "\\s+deleted")
			.containsPattern("4 B in 1 file\\s+" + users + "\\s+foreign, not touched")
			.contains("1 orphan deleted (");
		assertThat(old).doesNotExist();
		assertThat(young).isDirectory();
		assertThat(users).hasContent("mine");
	}

	@Test
	void aMissingOrAnEmptyRootDirHasNothingToSweep() {
		assertThat(StandaloneSweep.lines(StandaloneSweep.sweep(this.temp.resolve("missing"), Duration.ZERO, false)))
			.contains("it does not exist: nothing to sweep");
		assertThat(StandaloneSweep.lines(StandaloneSweep.sweep(this.root, Duration.ZERO, false))).containsExactly(
				"tempguard sweep of " + this.root + ": every orphan, whatever its age (tempguard.max-age=0)",
				"nothing in it", "0 orphans deleted (0 B freed); kept: nothing; 0 failed");
	}

	@Test
	void aRefusedRootDirSaysWhyNamingTheSetting() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		assertThatIllegalArgumentException().isThrownBy(() -> StandaloneSweep.sweep(home, Duration.ZERO, false))
			.withMessageContaining("tempguard.root-dir=" + home);
	}

	private Path orphan(String name, Duration age) throws IOException {
		return OrphanedRuns.create(this.root, name, age);
	}

}
