package dev.tempguard.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.testing.OrphanedRuns;
import dev.tempguard.testing.OtherUser;
import dev.tempguard.testing.SystemProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code tempguard:sweep}: its settings, read as the tests' settings are, the root-dir it
 * sweeps, and what it prints. Real Maven builds run it in the invoker tests
 * ({@code src/it}).
 * <p>
 * Another user's root-dir is a real one: as root, the test gives it to {@code nobody}
 * ({@code chown}, see {@link OtherUser}); those tests are skipped where the build does
 * not run as root.
 */
class SweepMojoTests {

	@TempDir
	Path project;

	private Path root;

	private final RecordingLog log = new RecordingLog();

	private final SweepMojo mojo = new SweepMojo();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectories(this.project.resolve("target/tempguard-root"));
		this.mojo.basedir = this.project.toFile();
		this.mojo.setLog(this.log);
	}

	@Test
	void sweepsARootDirRelativeToTheProjectAndLeavesForeignEntriesWhateverTheirAge() throws Exception {
		Path old = orphan("run-1-20260101T000000-a", Duration.ofDays(2));
		Path young = orphan("run-2-20260101T000000-b", Duration.ofHours(1));
		Path users = Files.writeString(this.root.resolve("notes.txt"), "mine");
		Files.setLastModifiedTime(users, FileTime.from(Instant.now().minus(Duration.ofDays(400))));
		this.mojo.rootDir = "target/tempguard-root";
		this.mojo.maxAge = "1d";

		this.mojo.execute();

		assertThat(old).doesNotExist();
		assertThat(young).isDirectory();
		assertThat(users).hasContent("mine");
		assertThat(this.log.lines.get(0)).isEqualTo("tempguard sweep of " + this.root + ": orphans at least 24h old");
		assertThat(this.log.text()).containsPattern(old + "\\s+deleted")
			.containsPattern(young + "\\s+kept: younger than max-age")
			.containsPattern(users + "\\s+foreign, not touched")
			.contains("1 orphan deleted (");
	}

	@Test
	void aDryRunListsWhatWouldBeDeletedAndDeletesNothing() throws Exception {
		Path old = orphan("run-1-20260101T000000-a", Duration.ofDays(2));
		this.mojo.rootDir = this.root.toString();
		this.mojo.maxAge = "0";
		this.mojo.dryRun = "true";

		this.mojo.execute();

		assertThat(old).isDirectory();
		assertThat(this.log.text()).contains("(dry run: nothing is deleted)")
			.containsPattern(old + "\\s+would delete")
			.contains("1 orphan would be deleted (");
	}

	@Test
	void withoutRootDirTheDefaultRootDirOfTheTestsIsSwept() throws Exception {
		this.mojo.dryRun = "true";

		this.mojo.execute();

		assertThat(this.log.lines.get(0))
			.startsWith("tempguard sweep of " + TempGuardSettings.defaultRootDir().toAbsolutePath().normalize() + ":");
	}

	@Test
	void withoutRootDirADefaultRootDirOwnedByAnotherUserIsReplacedByTheFallbackTheTestsUse() throws Exception {
		OtherUser.assumeRoot();
		Path tmpdir = Files.createDirectory(this.project.resolve("tmp"));
		try (SystemProperty javaIoTmpdir = SystemProperty.set("java.io.tmpdir", tmpdir.toString())) {
			Path theirs = Files.createDirectory(TempGuardSettings.defaultRootDir());
			Path theirOrphan = OrphanedRuns.create(theirs, "run-1-20260101T000000-a", Duration.ofDays(2));
			OtherUser.owns(theirs);
			Path fallback = theirs.resolveSibling(theirs.getFileName() + "-1");
			Path myOrphan = OrphanedRuns.create(Files.createDirectory(fallback), "run-2-20260101T000000-b",
					Duration.ofDays(2));
			this.mojo.maxAge = "1d";

			this.mojo.execute();

			assertThat(this.log.lines.get(0))
				.isEqualTo("tempguard sweep of " + fallback + ": orphans at least 24h old");
			assertThat(myOrphan).doesNotExist();
			assertThat(theirOrphan).isDirectory();
		}
	}

	@Test
	void aRootDirGivenThatAnotherUserOwnsIsRefusedWithoutAFallback() throws IOException {
		OtherUser.assumeRoot();
		Path theirs = OtherUser.owns(Files.createDirectory(this.project.resolve("shared")));
		Path theirOrphan = OrphanedRuns.create(theirs, "run-1-20260101T000000-a", Duration.ofDays(2));
		this.mojo.rootDir = "shared";
		this.mojo.maxAge = "0";

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessage("tempguard sweep refused: tempguard.root-dir=" + theirs + " is owned by another user (nobody,"
					+ " not root); set tempguard.root-dir to a directory of your own, or remove it to use the default"
					+ " ${java.io.tmpdir}/tempguard-<user>, which is one per user");
		assertThat(theirOrphan).isDirectory();
		assertThat(this.project.resolve("shared-1")).doesNotExist();
	}

	@ParameterizedTest
	@CsvSource({ "24h, 24h", "30m, 30m", "0, 0", "PT24H, 24h", "7d, 168h", "90s, 90s", "250ms, 250ms" })
	void maxAgeIsReadAsTheTestsSettingsAreWritten(String maxAge, String shown) throws Exception {
		this.mojo.rootDir = this.root.toString();
		this.mojo.maxAge = maxAge;

		this.mojo.execute();

		assertThat(this.log.lines.get(0)).isEqualTo("tempguard sweep of " + this.root + ": " + (shown.equals("0")
				? "every orphan, whatever its age (tempguard.max-age=0)" : "orphans at least " + shown + " old"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"soon | false | tempguard.max-age=soon is not a duration; set it to one such as 24h, 30m, 7d, 0 or PT24H",
			"-1h  | false | tempguard.max-age must be zero or positive (for example 24h or 0), was PT-1H",
			"24h  | yes   | tempguard.sweep.dry-run=yes is not a boolean; set it to true or false" })
	void aBadSettingFailsTheBuildNamingIt(String maxAge, String dryRun, String message) throws IOException {
		Path old = orphan("run-1-20260101T000000-a", Duration.ofDays(2));
		this.mojo.rootDir = this.root.toString();
		this.mojo.maxAge = maxAge;
		this.mojo.dryRun = dryRun;

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute).withMessage(message);
		assertThat(old).isDirectory();
	}

	@Test
	void aRefusedRootDirFailsTheBuildSayingWhy() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		this.mojo.rootDir = home.toString();

		assertThatExceptionOfType(MojoFailureException.class).isThrownBy(this.mojo::execute)
			.withMessageStartingWith("tempguard sweep refused: tempguard.root-dir=" + home);
	}

	private Path orphan(String name, Duration age) throws IOException {
		return OrphanedRuns.create(this.root, name, age);
	}

}
