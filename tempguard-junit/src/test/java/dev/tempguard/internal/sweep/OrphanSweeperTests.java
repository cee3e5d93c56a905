package dev.tempguard.internal.sweep;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.support.Formats;
import dev.tempguard.internal.sweep.SweepReport.Action;
import dev.tempguard.internal.sweep.SweepReport.Entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link OrphanSweeper} within one JVM; what crosses processes is in
 * {@link OrphanSweepProcessTests}. Each test sweeps a root-dir of its own inside its
 * {@link TempDir}.
 */
class OrphanSweeperTests {

	private static final Duration HOUR = Duration.ofHours(1);

	@TempDir
	Path temp;

	private Path root;

	private OrphanSweeper sweeper;

	private final List<AutoCloseable> toClose = new ArrayList<>();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		this.sweeper = new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.root)));
	}

	@AfterEach
	void release() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
	}

	@Test
	void anOrphanedRunOlderThanMaxAgeIsDeletedWithEverythingInIt() throws IOException {
		Path run = orphanedRun("run-1-20260101T000000-a", Duration.ofHours(2));
		Files.writeString(Files.createDirectories(run.resolve("nested/deeper")).resolve("data.csv"), "1234567890");
		SweepReport report = sweep(HOUR);
		assertThat(run).doesNotExist();
		assertThat(this.root).isEmptyDirectory();
		Entry entry = single(report);
		assertThat(entry.path()).isEqualTo(run);
		assertThat(entry.action()).isEqualTo(Action.DELETED);
		assertThat(entry.age()).isBetween(Duration.ofHours(2), Duration.ofHours(2).plusMinutes(1));
		assertThat(entry.files()).isEqualTo(3);
		assertThat(entry.bytes()).isEqualTo(Files.size(this.temp.resolve("lock-content")) + 10 + 5);
		assertThat(report.bytesFreed()).isEqualTo(entry.bytes());
		assertThat(report.totals()).startsWith("1 orphan deleted (");
	}

	@Test
	void anOrphanedRunYoungerThanMaxAgeIsKept() throws IOException {
		Path run = orphanedRun("run-1-20260101T000000-a", Duration.ofMinutes(10));
		SweepReport report = sweep(HOUR);
		assertThat(run).isDirectory();
		assertThat(single(report).action()).isEqualTo(Action.KEPT_YOUNG);
		assertThat(single(report).actionText()).isEqualTo("kept: younger than max-age");
	}

	@Test
	void aRunIsAsOldAsTheStartTimeInItsLockFileNotItsLastModification() throws IOException {
		Path run = orphanedRun("run-1-20260101T000000-a", Duration.ofHours(2));
		setTimes(run, Instant.now());
		SweepReport report = sweep(HOUR);
		assertThat(single(report).action()).isEqualTo(Action.DELETED);
		assertThat(run).doesNotExist();
	}

	@Test
	void maxAgeZeroDeletesEveryOrphanAtOnce() throws IOException {
		orphanedRun("run-1-20260101T000000-a", Duration.ZERO);
		orphanedRun("run-2-20260101T000000-b", Duration.ofMinutes(1));
		SweepReport report = sweep(Duration.ZERO);
		assertThat(report.entries()).extracting(Entry::action).containsOnly(Action.DELETED).hasSize(2);
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aUsersOldFileAndFolderInRootDirSurviveEvenMaxAgeZeroAndAreListedAsForeign() throws IOException {
		Path file = Files.writeString(this.root.resolve("notes.txt"), "mine");
		Path folder = Files.createDirectories(this.root.resolve("photos/2025"));
		Path photo = Files.writeString(folder.resolve("beach.jpg"), "jpeg");
		Instant longAgo = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
		for (Path path : List.of(file, photo, folder, folder.getParent())) {
			setTimes(path, longAgo);
		}
		Path orphan = orphanedRun("run-1-20260101T000000-a", Duration.ofDays(2));

		SweepReport report = sweep(Duration.ZERO);

		assertThat(file).hasContent("mine");
		assertThat(photo).hasContent("jpeg");
		assertThat(Files.getLastModifiedTime(folder.getParent()).toInstant()).isEqualTo(longAgo);
		assertThat(orphan).doesNotExist();
		assertThat(report.foreign()).extracting(Entry::path).containsExactly(file, folder.getParent());
		assertThat(report.foreign()).extracting(Entry::actionText).containsOnly("foreign, not touched");
		assertThat(report.foreign().get(0).sizeText()).isEqualTo("4 B in 1 file");
		assertThat(report.foreign().get(1).sizeText()).isEqualTo("not measured");
		assertThat(report.foreign().get(1).age()).isGreaterThanOrEqualTo(Duration.ofDays(400));
		assertThat(report.totals()).isEqualTo("1 orphan deleted (" + Formats.bytes(report.bytesFreed())
				+ " freed); kept: nothing; 2 foreign entries not touched; 0 failed");
		assertThat(report.foreignNote()).startsWith("leaves alone 2 entries of tempguard.root-dir=" + this.root);
	}

	@Test
	void lookAlikesOfTempguardsDirectoriesAreForeignAndSurvive() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Files.writeString(outside.resolve(RunDirectory.LOCK_FILE), "pid=1\n");
		Path canary = Files.writeString(outside.resolve("canary.txt"), "alive");
		List<Path> lookAlikes = new ArrayList<>();
		// a run name without a lock file, a lock file that is a link, other names, files
		lookAlikes.add(Files.createDirectory(this.root.resolve("run-2-20260101T000000-b")));
		Path linkedLock = Files.createDirectory(this.root.resolve("run-3-20260101T000000-c"));
		Files.createSymbolicLink(linkedLock.resolve(RunDirectory.LOCK_FILE), outside.resolve(RunDirectory.LOCK_FILE));
		lookAlikes.add(linkedLock);
		lookAlikes.add(lockedLookAlike("run-notes"));
		lookAlikes.add(lockedLookAlike("run-4-yesterday-d"));
		lookAlikes.add(lockedLookAlike(".creating-backup"));
		lookAlikes.add(lockedLookAlike(".deleting-photos-1f"));
		lookAlikes.add(lockedLookAlike(".deleting-run-5-20260101T000000-e"));
		lookAlikes.add(Files.writeString(this.root.resolve("run-6-20260101T000000-f"), "a file"));
		lookAlikes.add(Files.writeString(this.root.resolve(".deleting-run-7-20260101T000000-a-1"), "a file"));
		// a link named as a run directory, to a directory holding a lock file
		lookAlikes.add(Files.createSymbolicLink(this.root.resolve("run-8-20260101T000000-a"), outside));
		for (Path lookAlike : lookAlikes) {
			setTimes(lookAlike, Instant.now().minus(Duration.ofDays(30)));
		}

		for (boolean dryRun : List.of(true, false)) {
			SweepReport report = sweep(Duration.ZERO, dryRun, Set.of());
			assertThat(report.entries()).extracting(Entry::action).containsOnly(Action.FOREIGN);
			assertThat(report.foreign()).extracting(Entry::path).containsExactlyInAnyOrderElementsOf(lookAlikes);
		}
		for (Path lookAlike : lookAlikes) {
			assertThat(Files.exists(lookAlike, LinkOption.NOFOLLOW_LINKS)).as(lookAlike.toString()).isTrue();
		}
		assertThat(this.root.resolve("run-notes").resolve(RunDirectory.LOCK_FILE)).hasContent("mine");
		assertThat(canary).hasContent("alive");
		assertThat(outside.resolve(RunDirectory.LOCK_FILE)).hasContent("pid=1\n");
	}

	@Test
	void aRunDirectoryOfThisJvmIsNeverTouchedEvenWithMaxAgeZero() throws IOException {
		RunDirectory mine = new RunDirectory(this.root);
		this.toClose.add(mine);
		Path file = Files.writeString(mine.ensureExists().resolve("mine.txt"), "mine");
		orphanedRun("run-1-20260101T000000-a", Duration.ZERO);
		// whether given as this JVM's own or not: a run directory this JVM holds is known
		// JVM-wide
		for (Set<Path> own : List.of(Set.of(mine.path()), Set.<Path>of())) {
			SweepReport report = sweep(Duration.ZERO, false, own);
			assertThat(report.entries(Action.KEPT_THIS_JVM)).extracting(Entry::path).containsExactly(mine.path());
		}
		assertThat(file).hasContent("mine");
		assertThat(mine.isLocked()).isTrue();
		try (Stream<Path> entries = Files.list(this.root)) {
			assertThat(entries).containsExactly(mine.path());
		}
	}

	@Test
	void aRunWhoseLockIsHeldIsKeptEvenWithMaxAgeZero() throws IOException {
		Path run = orphanedRun("run-1-20260101T000000-a", Duration.ofDays(3));
		FileChannel channel = FileChannel.open(run.resolve(RunDirectory.LOCK_FILE), StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		this.toClose.add(channel);
		FileLock lock = channel.lock();
		assertThat(lock.isValid()).isTrue();
		SweepReport report = sweep(Duration.ZERO);
		assertThat(single(report).action()).isEqualTo(Action.KEPT_LIVE);
		assertThat(single(report).actionText()).isEqualTo("kept: live run");
		assertThat(run.resolve(RunDirectory.LOCK_FILE)).exists();
	}

	@Test
	void whatAnInterruptedSweepRenamedAsideIsDeletedWhateverItsAge() throws IOException {
		Path aside = Files.createDirectories(this.root.resolve(".deleting-run-1-20260101T000000-a-123"));
		Files.writeString(aside.resolve("half-deleted.txt"), "x");
		SweepReport report = sweep(Duration.ofDays(30));
		assertThat(single(report).action()).isEqualTo(Action.DELETED);
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aDirectoryBeingCreatedIsKeptForAGracePeriodWhateverMaxAgeSays() throws IOException {
		Path creating = Files.createDirectory(this.root.resolve(".creating-run-1-20260101T000000-a"));
		assertThat(single(sweep(Duration.ZERO)).action()).isEqualTo(Action.KEPT_CREATING);
		assertThat(creating).isDirectory();
		setTimes(creating, Instant.now().minus(OrphanSweeper.CREATING_GRACE).minusSeconds(5));
		assertThat(single(sweep(Duration.ofDays(30))).action()).isEqualTo(Action.DELETED);
		assertThat(creating).doesNotExist();
	}

	@Test
	void aDryRunListsWhatWouldGoAndDeletesNothing() throws IOException {
		Path old = orphanedRun("run-1-20260101T000000-a", Duration.ofHours(2));
		Path young = orphanedRun("run-2-20260101T000000-b", Duration.ofMinutes(2));
		Path users = Files.writeString(this.root.resolve("users.txt"), "mine");
		setTimes(users, Instant.now().minus(Duration.ofDays(2)));
		SweepReport report = sweep(HOUR, true, Set.of());
		assertThat(report.entries()).extracting(Entry::path, Entry::action)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(old, Action.WOULD_DELETE),
					org.assertj.core.groups.Tuple.tuple(young, Action.KEPT_YOUNG),
					org.assertj.core.groups.Tuple.tuple(users, Action.FOREIGN));
		assertThat(report.removed()).singleElement().satisfies((entry) -> assertThat(entry.bytes()).isPositive());
		assertThat(report.totals()).startsWith("1 orphan would be deleted (");
		assertThat(report.summary()).contains("dry run").contains("tempguard.max-age=1h");
		try (Stream<Path> entries = Files.list(this.root)) {
			assertThat(entries).containsExactlyInAnyOrder(old, young, users);
		}
		assertThat(old.resolve(RunDirectory.LOCK_FILE)).exists();
	}

	@Test
	void aSymbolicLinkInRootDirIsForeignAndOneInsideAnOrphanIsDeletedAsALinkLeavingItsTargetAlone() throws IOException {
		Path outside = Files.createDirectory(this.temp.resolve("outside"));
		Path canary = Files.writeString(outside.resolve("canary.txt"), "alive");
		Path link = Files.createSymbolicLink(this.root.resolve("link"), outside);
		Path run = orphanedRun("run-1-20260101T000000-a", Duration.ofHours(2));
		Files.createSymbolicLink(run.resolve("inner-link"), outside);
		setTimes(link, Instant.now().minus(Duration.ofHours(2)));
		SweepReport report = sweep(HOUR);
		assertThat(report.entries(Action.DELETED)).extracting(Entry::path).containsExactly(run);
		assertThat(report.foreign()).extracting(Entry::path).containsExactly(link);
		assertThat(Files.isSymbolicLink(link)).isTrue();
		assertThat(run).doesNotExist();
		assertThat(canary).hasContent("alive");
		assertThat(outside).isDirectory();
	}

	@Test
	void aMissingRootDirHasNothingToSweep() {
		SweepReport report = this.sweeper.sweep(this.temp.resolve("missing"), Duration.ZERO, false, Set.of());
		assertThat(report.entries()).isEmpty();
		assertThat(this.temp.resolve("missing")).doesNotExist();
	}

	@Test
	void aDangerousRootDirIsRefused() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		assertThatIllegalArgumentException().isThrownBy(() -> sweepRoot(home, Duration.ZERO))
			.withMessageContaining("tempguard.root-dir=" + home)
			.withMessageContaining("set it to a directory of its own");
	}

	@Test
	void aRootDirThatIsASymbolicLinkIsRefusedAndNothingBehindItIsTouched() throws IOException {
		Path real = Files.createDirectory(this.temp.resolve("real"));
		Path orphan = Files.writeString(real.resolve("orphan.txt"), "x");
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), real);
		assertThatIllegalArgumentException().isThrownBy(() -> sweepRoot(link, Duration.ZERO))
			.withMessageContaining("tempguard.root-dir=" + link)
			.withMessageContaining("symbolic link");
		assertThat(orphan).exists();
	}

	@Test
	void aRootDirOwnedByAnotherUserIsRefusedAndNothingInItIsTouched() throws IOException {
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give a directory to another user");
		UserPrincipal nobody = this.temp.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName("nobody");
		Path orphan = Files.writeString(this.root.resolve("orphan.txt"), "x");
		Files.setOwner(this.root, nobody);
		assertThatIllegalArgumentException().isThrownBy(() -> sweepRoot(this.root, Duration.ZERO))
			.withMessageContaining("tempguard.root-dir=" + this.root)
			.withMessageContaining("owned by another user (nobody, not root)");
		assertThat(orphan).exists();
	}

	@Test
	void aNegativeMaxAgeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> sweep(Duration.ofHours(-1)))
			.withMessageContaining("tempguard.max-age must be zero or positive");
	}

	private SweepReport sweep(Duration maxAge) {
		return sweep(maxAge, false, Set.of());
	}

	private SweepReport sweep(Duration maxAge, boolean dryRun, Set<Path> own) {
		return this.sweeper.sweep(this.root, maxAge, dryRun, own);
	}

	private SweepReport sweepRoot(Path rootDir, Duration maxAge) {
		return this.sweeper.sweep(rootDir, maxAge, false, Set.of());
	}

	private static Entry single(SweepReport report) {
		assertThat(report.entries()).hasSize(1);
		return report.entries().get(0);
	}

	/**
	 * A run directory whose JVM is gone: a lock file nobody holds, started {@code age}
	 * ago, and a 5-byte file.
	 */
	private Path orphanedRun(String name, Duration age) throws IOException {
		Instant start = Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS);
		Path run = Files.createDirectory(this.root.resolve(name));
		String content = "pid=1\nhost=elsewhere\n" + RunDirectory.START_KEY + "=" + start + "\n";
		Files.writeString(this.temp.resolve("lock-content"), content, StandardCharsets.ISO_8859_1);
		Files.writeString(run.resolve(RunDirectory.LOCK_FILE), content, StandardCharsets.ISO_8859_1);
		Files.writeString(run.resolve("tg-1.txt"), "hello");
		setTimes(run, start);
		return run;
	}

	/**
	 * A directory holding a file named as a lock file, a user's, whose name is not one of
	 * tempguard's.
	 */
	private Path lockedLookAlike(String name) throws IOException {
		Path directory = Files.createDirectory(this.root.resolve(name));
		Files.writeString(directory.resolve(RunDirectory.LOCK_FILE), "mine");
		return directory;
	}

	/**
	 * Sets the modification time of {@code path} itself, a symbolic link's and not its
	 * target's.
	 */
	private static void setTimes(Path path, Instant time) throws IOException {
		FileTime fileTime = FileTime.from(time);
		Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
			.setTimes(fileTime, fileTime, null);
	}

}
