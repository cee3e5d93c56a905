package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.testing.Processes;
import dev.tempguard.testing.UnprivilegedUser;
import dev.tempguard.testing.RecordingLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A directory that inotify cannot watch ({@code inotify_add_watch} failing: the per-user
 * limit of watches reached, permission denied, anything else) is read by snapshots from
 * then on, while inotify goes on watching the others: what the directory held then is
 * old, what appears in it later is told once, and one warning per cause says why and what
 * to do, however many tests start and end. The failures are injected into
 * {@code inotify_add_watch}, but for permission, which is also real for an unprivileged
 * user.
 */
class UnwatchableDirectoryTests {

	private static final int ENOMEM = 12;

	@TempDir
	Path temp;

	private final RecordingLog log = new RecordingLog();

	private final List<EntrySource> opened = new ArrayList<>();

	private FailingAddWatch addWatch;

	@BeforeEach
	void onLinux() {
		assumeTrue(EntrySources.inotifyUnavailable() == null, "inotify is read on 64-bit Linux only");
	}

	@AfterEach
	void close() {
		this.opened.forEach(EntrySource::close);
	}

	@Test
	void whenTheLimitOfWatchesIsReachedTheDirectoryIsReadBySnapshotsWhatItHeldIsOldAndOneWarningSaysWhatToDo()
			throws IOException {
		Path limited = Files.createDirectory(this.temp.resolve("limited"));
		Files.createFile(limited.resolve("before"));
		EntrySource source = refusing(InotifySource.ENOSPC, limited);
		source.watch(limited);
		assertThat(drain(source)).isEmpty();

		Path made = Files.createFile(limited.resolve("made"));

		assertThat(drain(source)).containsExactly(made);
		assertThat(drainAsManyTestsDo(source)).isEmpty();
		assertThat(source.name()).isEqualTo("inotify (1 directory by snapshots)");
		assertThat(this.log.warnings()).singleElement()
			.asString()
			.contains("tempguard cannot watch " + limited + " with inotify", "(fs.inotify.max_user_watches)",
					"sysctl -w fs.inotify.max_user_watches=", "set tempguard.leak-detection.mode=snapshot");
		assertThat(this.addWatch.refusals()).as("never tried again").containsExactly(limited);
	}

	@Test
	void aDirectoryInotifyCanWatchStaysWatchedByInotifyWhenAnotherCannotBe() throws IOException {
		Path limited = Files.createDirectory(this.temp.resolve("limited"));
		Path watched = Files.createDirectory(this.temp.resolve("watched"));
		FileTime past = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
		Files.setLastModifiedTime(watched, past);
		EntrySource source = refusing(InotifySource.ENOSPC, limited);
		source.watch(limited);
		source.watch(watched);

		Path made = Files.createFile(watched.resolve("made"));
		// a snapshot, sure of a listing an hour after the last change, would not list it
		// again: only inotify tells this entry
		Files.setLastModifiedTime(watched, past);

		assertThat(drain(source)).containsExactly(made);
	}

	@Test
	void aDirectoryThatAppearsWhenTheLimitOfWatchesIsReachedIsReadBySnapshotsWithOneWarning() throws IOException {
		Path later = this.temp.resolve("later");
		EntrySource source = refusing(InotifySource.ENOSPC, later);
		source.watch(later);
		List<Path> created = drainAsManyTestsDo(source);
		Files.createDirectory(later);
		Path first = Files.createFile(later.resolve("first"));
		created.addAll(drainAsManyTestsDo(source));

		assertThat(created).containsExactly(first);
		assertThat(this.log.warnings()).singleElement().asString().contains(later.toString());
		assertThat(this.addWatch.refusals()).containsExactly(later);
	}

	static Stream<Arguments> causes() {
		return Stream.of(Arguments.of(InotifySource.ENOSPC, List.of("(fs.inotify.max_user_watches) is reached")),
				Arguments.of(InotifySource.EACCES,
						List.of("permission denied", "leave it out of tempguard.leak-detection.watch-dirs")),
				Arguments.of(ENOMEM, List.of("errno 12", "set tempguard.leak-detection.mode=snapshot")));
	}

	@ParameterizedTest
	@MethodSource("causes")
	void eachCauseIsWarnedAboutOnceWhateverTheNumberOfDirectoriesAndTests(int errno, List<String> said)
			throws IOException {
		Path one = Files.createDirectory(this.temp.resolve("one"));
		Path two = Files.createDirectory(this.temp.resolve("two"));
		EntrySource source = refusing(errno, one, two);
		source.watch(one);
		source.watch(two);

		Path inOne = Files.createFile(one.resolve("made"));
		Path inTwo = Files.createFile(two.resolve("made"));

		assertThat(drain(source)).containsExactlyInAnyOrder(inOne, inTwo);
		assertThat(drainAsManyTestsDo(source)).isEmpty();
		assertThat(this.log.warnings()).singleElement()
			.asString()
			.contains("tempguard cannot watch " + one + " with inotify", "any other it cannot watch for this reason")
			.contains(said);
	}

	@Test
	void aDirectoryNotThereYetOrAFileInItsPlaceIsNoCauseForAWarning() throws IOException {
		Path later = this.temp.resolve("later");
		Path file = Files.createFile(this.temp.resolve("file"));
		EntrySource source = InotifySource.open(InotifySource.AddWatch.NATIVE, this.log);
		this.opened.add(source);
		source.watch(later);
		source.watch(file);
		assertThat(drainAsManyTestsDo(source)).isEmpty();

		Files.createDirectory(later);
		Path first = Files.createFile(later.resolve("first"));

		assertThat(drain(source)).containsExactly(first);
		assertThat(this.log.warnings()).isEmpty();
	}

	@Test
	void asAnUnprivilegedUserADirectoryItMayNotReadIsReadBySnapshotsAndWhatItHeldIsOldOnceItMay() throws Exception {
		UnprivilegedUser.assume();
		Path scratch = UnprivilegedUser.scratch("tempguard-unreadable-");
		try {
			String classpath = UnprivilegedUser.copyClasspath(scratch.resolve("classpath"), "commons-logging", "jna");
			Path home = Files.createDirectory(scratch.resolve("home"));
			Path watched = Files.createDirectory(scratch.resolve("watched"));
			Files.createFile(watched.resolve("old"));
			UnprivilegedUser.owns(home);
			UnprivilegedUser.owns(watched);

			Processes.Result result = UnprivilegedUser.run(classpath, UnreadableDirectoryMain.class, home,
					List.of("-Djava.io.tmpdir=" + home, "-Djna.tmpdir=" + home), watched.toString());

			assertThat(result.exitCode()).as(result.output()).isZero();
			assertThat(result.output()).contains("inotify: unreadable=[] readable=[] made=[new-inotify]")
				.contains("snapshot: unreadable=[] readable=[] made=[new-snapshot]")
				.contains("warnings=1: tempguard cannot watch " + watched + " with inotify: permission denied");
		}
		finally {
			new DeletionEngine(PathGuard.defaults()).delete(scratch);
		}
	}

	// inotify_add_watch failing with errno for the refused directories
	private EntrySource refusing(int errno, Path... refused) {
		this.addWatch = new FailingAddWatch(errno, Set.of(refused)::contains);
		EntrySource source = EntrySources.create(LeakDetectionSettings.Mode.AUTO,
				() -> InotifySource.open(this.addWatch, this.log), this.log);
		this.opened.add(source);
		return source;
	}

	private static List<Path> drain(EntrySource source) {
		return EntrySourceTests.drain(source);
	}

	// each test drains at its start and at its end
	private static List<Path> drainAsManyTestsDo(EntrySource source) {
		List<Path> created = new ArrayList<>();
		for (int test = 0; test < 50; test++) {
			created.addAll(drain(source));
			created.addAll(drain(source));
		}
		return created;
	}

}
