package dev.tempguard.internal.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.sweep.SweepReport.Action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for the sweep of framework leftovers that dead runs recorded in their run
 * directories: deleted whatever the run directory's age, never while the run's JVM lives,
 * only listed in a dry run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeftoverSweepTests {

	@TempDir
	Path temp;

	private Path root;

	private Path tmpdir;

	private OrphanSweeper sweeper;

	@BeforeEach
	void setUp() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		this.tmpdir = Files.createDirectory(this.temp.resolve("tmp"));
		this.sweeper = new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.root)));
	}

	@Test
	void theLeftoversOfADeadRunAreDeletedWhileItsYoungRunDirectoryIsKept() throws IOException {
		Path tomcat = Files.createDirectories(this.tmpdir.resolve("tomcat.0.1").resolve("work"));
		Files.writeString(tomcat.resolve("SESSIONS.ser"), "12345");
		Path run = deadRunRecording(tomcat.getParent());

		SweepReport report = this.sweeper.sweep(this.root, Duration.ofHours(24), false, Set.of());

		assertThat(tomcat.getParent()).doesNotExist();
		assertThat(report.entries(Action.DELETED)).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo(tomcat.getParent());
			assertThat(entry.bytes()).isEqualTo(5);
		});
		assertThat(report.entries(Action.KEPT_YOUNG)).extracting(SweepReport.Entry::path).containsExactly(run);
		assertThat(run.resolve(LeftoverRecord.FILE)).as("nothing left to record").doesNotExist();
	}

	@Test
	void onlyTheEntriesTheRecordNamesAreDeletedNotAnotherOfTheCatalogueInItsTmpdir() throws IOException {
		Path recorded = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		Path unrecorded = Files.createDirectory(this.tmpdir.resolve("tomcat.8080.2"));
		deadRunRecording(recorded);

		SweepReport report = this.sweeper.sweep(this.root, Duration.ZERO, false, Set.of());

		assertThat(recorded).doesNotExist();
		assertThat(unrecorded).isDirectory();
		assertThat(report.entries()).extracting(SweepReport.Entry::path).doesNotContain(unrecorded);
	}

	@Test
	void aDryRunListsTheLeftoversAndDeletesNothing() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		Path run = deadRunRecording(tomcat);

		SweepReport report = this.sweeper.sweep(this.root, Duration.ofHours(24), true, Set.of());

		assertThat(report.entries(Action.WOULD_DELETE)).extracting(SweepReport.Entry::path).containsExactly(tomcat);
		assertThat(tomcat).isDirectory();
		assertThat(LeftoverRecord.read(run)).isPresent();
	}

	@Test
	void theLeftoversOfARunDirectoryAnInterruptedSweepRenamedAsideAreDeleted() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		Path run = deadRunRecording(tomcat);
		Files.move(run, this.root.resolve(OrphanSweeper.DELETING_PREFIX + run.getFileName()));

		this.sweeper.sweep(this.root, Duration.ofHours(24), false, Set.of());

		assertThat(tomcat).doesNotExist();
	}

	@Test
	void aRecordNamingAnEntryOutsideItsTmpdirDeletesNothingThere() throws IOException {
		Path elsewhere = Files.createDirectories(this.temp.resolve("work").resolve("tomcat.0.1"));
		Path run = deadRun();
		new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(elsewhere, "tomcat.*"))).write(run);

		SweepReport report = this.sweeper.sweep(this.root, Duration.ZERO, false, Set.of());

		assertThat(elsewhere).isDirectory();
		assertThat(report.entries()).extracting(SweepReport.Entry::path).doesNotContain(elsewhere);
	}

	@Test
	void theLeftoversOfARunWhoseJvmIsAliveAreLeftToIt() throws Exception {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process holder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-cp", classpath,
				SweepProcessMain.class.getName(), "hold", this.root.toString())
			.redirectErrorStream(true)
			.start();
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
			String line = output.readLine();
			while (line != null && !line.startsWith("ready ")) {
				line = output.readLine();
			}
			assertThat(line).as("the holder's run directory").isNotNull();
			Path live = Path.of(line.substring("ready ".length()));
			new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(tomcat, "tomcat.*"))).write(live);

			SweepReport report = this.sweeper.sweep(this.root, Duration.ZERO, false, Set.of());

			assertThat(tomcat).isDirectory();
			assertThat(report.entries(Action.KEPT_LIVE)).extracting(SweepReport.Entry::path).containsExactly(live);
		}
		finally {
			holder.destroyForcibly();
			holder.waitFor(10, TimeUnit.SECONDS);
		}
	}

	// a run directory whose JVM is gone: its lock file is there, and nobody holds it
	@Test
	void anotherUsersRunDirectoryIsForeignAndWhatItsRecordNamesIsNeverDeleted() throws IOException {
		UserPrincipal nobody = anotherUser();
		// this user's own file, which another user names in a run directory of theirs in
		// a shared root-dir
		Path precious = Files.writeString(this.tmpdir.resolve("precious.db"), "data");
		Path planted = Files.createDirectory(this.root.resolve("run-1-20000101T000000-abc"));
		Files.writeString(planted.resolve(RunDirectory.LOCK_FILE), "pid=1\n");
		new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(precious, "precious.db"))).write(planted);
		try (Stream<Path> files = Files.walk(planted)) {
			for (Path file : files.toList()) {
				Files.setOwner(file, nobody);
			}
		}

		SweepReport report = this.sweeper.sweep(this.root, Duration.ZERO, false, Set.of());

		assertThat(precious).hasContent("data");
		assertThat(planted.resolve(RunDirectory.LOCK_FILE)).exists();
		assertThat(report.entries(Action.FOREIGN)).extracting(SweepReport.Entry::path).containsExactly(planted);
		assertThat(report.entries(Action.DELETED)).isEmpty();
	}

	@Test
	void aRecordedEntryAnotherUserOwnsIsNotDeleted() throws IOException {
		UserPrincipal nobody = anotherUser();
		Path theirs = Files.createDirectory(this.tmpdir.resolve("tomcat.0.2"));
		Path run = deadRunRecording(theirs);
		Files.setOwner(theirs, nobody);

		SweepReport report = this.sweeper.sweep(this.root, Duration.ofHours(24), false, Set.of());

		assertThat(theirs).exists();
		assertThat(report.entries(Action.DELETED)).isEmpty();
		assertThat(run).exists();
	}

	// root can give files away; the other user, nobody, is on every Linux
	private UserPrincipal anotherUser() {
		assumeTrue("root".equals(System.getProperty("user.name")), "run as root, which can give files away");
		try {
			return this.root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		}
		catch (IOException ex) {
			throw new TestAbortedException("no user nobody here", ex);
		}
	}

	private Path deadRun() {
		RunDirectory directory = new RunDirectory(this.root);
		Path path = directory.ensureExists();
		directory.close();
		return path;
	}

	private Path deadRunRecording(Path leftover) throws IOException {
		Path run = deadRun();
		new LeftoverRecord(this.tmpdir, List.of(LeftoverRecord.Entry.of(leftover, "tomcat.*"))).write(run);
		return run;
	}

}
