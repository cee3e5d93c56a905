package dev.tempguard.internal.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.internal.rundir.RunDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command-line sweep: what it prints, what it deletes, its exit codes.
 */
class SweepCommandTests {

	@TempDir
	Path temp;

	private Path root;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	@Test
	void aDryRunPrintsEachEntryWithAgeSizeAndWhatWouldBeDoneAndDeletesNothing() throws IOException {
		Path old = entry("run-1-20260101T000000-a", Duration.ofDays(2));
		Path young = entry("run-2-20260101T000000-b", Duration.ofMinutes(5));
		int exitCode = run("--root", this.root.toString(), "--max-age", "24h", "--dry-run");
		assertThat(exitCode).isZero();
		assertThat(out()).contains("orphans at least 24h old (dry run: nothing is deleted)")
			.containsPattern("2d\\s+5 B in 2 files\\s+" + old + "\\s+would delete")
			.containsPattern("5m\\s+5 B in 2 files\\s+" + young + "\\s+kept: younger than max-age")
			.contains("1 orphan would be deleted (5 B); kept: 1 younger than max-age; 0 failed");
		assertThat(old).isDirectory();
		assertThat(young).isDirectory();
	}

	@Test
	void aSweepDeletesTheOrphansOlderThanMaxAgeAndPrintsTheTotals() throws IOException {
		Path old = entry("run-1-20260101T000000-a", Duration.ofDays(2));
		Path young = entry("run-2-20260101T000000-b", Duration.ofMinutes(5));
		int exitCode = run("--root=" + this.root, "--max-age=PT24H");
		assertThat(exitCode).as(err()).isZero();
		assertThat(out()).containsPattern(old + "\\s+deleted").contains("1 orphan deleted (5 B freed)");
		assertThat(old).doesNotExist();
		assertThat(young).isDirectory();
	}

	@Test
	void aMissingRootDirHasNothingToSweep() {
		assertThat(run("--root", this.temp.resolve("missing").toString(), "--max-age", "0")).isZero();
		assertThat(out()).contains("it does not exist: nothing to sweep");
	}

	@Test
	void aRefusedRootDirExitsWithOneAndSaysWhy() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		assertThat(run("--root", home.toString())).isEqualTo(1);
		assertThat(err()).contains("tempguard.root-dir=" + home);
		assertThat(out()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "--max-age=-1h", "--max-age=soon", "--unknown", "--root", "--dry-run=yes" })
	void badArgumentsExitWithTwoAndPrintTheUsage(String argument) {
		assertThat(run(argument)).isEqualTo(2);
		assertThat(err()).contains("Usage: SweepCommand");
	}

	@ParameterizedTest
	@CsvSource({ "24h, PT24H", "30m, PT30M", "0, PT0S", "PT24H, PT24H", "7d, PT168H", "90s, PT1M30S" })
	void maxAgeIsReadAsInSpringPropertiesOrIso8601(String value, Duration expected) {
		assertThat(SweepCommand.parseDuration(value)).isEqualTo(expected);
	}

	private Path entry(String name, Duration age) throws IOException {
		Path directory = Files.createDirectory(this.root.resolve(name));
		// an empty lock file: its age is its last modification's
		Files.createFile(directory.resolve(RunDirectory.LOCK_FILE));
		Files.writeString(directory.resolve("tg-1.txt"), "hello");
		Files.setLastModifiedTime(directory, FileTime.from(Instant.now().minus(age)));
		return directory;
	}

	private int run(String... args) {
		return SweepCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
