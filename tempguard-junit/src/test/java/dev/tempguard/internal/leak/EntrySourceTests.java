package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.testing.RecordingLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both ways of finding new entries, inotify and snapshots, tell each new entry once, in
 * the drain that follows it, including those of a directory that did not exist yet; so
 * does inotify when it can watch no directory and reads them by snapshots; inotify tells
 * removals too.
 */
class EntrySourceTests {

	@TempDir
	Path temp;

	private final List<EntrySource> opened = new ArrayList<>();

	@AfterEach
	void close() {
		this.opened.forEach(EntrySource::close);
	}

	static Stream<String> sources() {
		return Stream.of("inotify", "snapshot", "inotify, no watches left");
	}

	private EntrySource source(String name) throws IOException {
		EntrySource source;
		if (name.startsWith("inotify")) {
			assumeTrue(EntrySources.inotifyUnavailable() == null, "inotify is read on 64-bit Linux only");
			source = name.equals("inotify") ? InotifySource.open() : InotifySource
				.open(new FailingAddWatch(InotifySource.ENOSPC, (directory) -> true), new RecordingLog());
		}
		else {
			source = new SnapshotSource();
		}
		this.opened.add(source);
		return source;
	}

	/** What one drain of {@code source} tells. */
	static List<Path> drain(EntrySource source) {
		List<Path> created = new ArrayList<>();
		source.drain(created::add);
		return created;
	}

	@ParameterizedTest
	@MethodSource("sources")
	void anEntryMadeAfterTheWatchStartedIsToldOnceAndWhatWasThereBeforeNever(String name) throws IOException {
		Files.createFile(this.temp.resolve("before"));
		EntrySource source = source(name);
		source.watch(this.temp);
		assertThat(drain(source)).isEmpty();

		Path made = Files.createFile(this.temp.resolve("made"));
		Path directory = Files.createDirectory(this.temp.resolve("directory"));

		assertThat(drain(source)).containsExactlyInAnyOrder(made, directory);
		assertThat(drain(source)).isEmpty();
	}

	@Test
	void inotifyTellsEachRemovalInTheOrderItHappenedAmongTheCreations() throws IOException {
		EntrySource source = source("inotify");
		source.watch(this.temp);
		Files.delete(Files.createFile(this.temp.resolve("made")));
		Files.move(Files.createFile(this.temp.resolve("moved")), this.temp.resolve("renamed"));
		Files.delete(Files.createDirectory(this.temp.resolve("directory")));

		List<String> told = new ArrayList<>();
		source.drain((entry) -> told.add("+" + entry.getFileName()), (entry) -> told.add("-" + entry.getFileName()));

		assertThat(told).containsExactly("+made", "-made", "+moved", "-moved", "+renamed", "+directory", "-directory");
	}

	@ParameterizedTest
	@MethodSource("sources")
	void aDirectoryNamedThroughASymbolicLinkIsWatchedAsItsTargetAsMacOsTmpIs(String name) throws IOException {
		Path target = Files.createDirectory(this.temp.resolve("private-tmp"));
		Path link = Files.createSymbolicLink(this.temp.resolve("tmp"), target);
		Files.createFile(link.resolve("before"));
		EntrySource source = source(name);
		source.watch(link);
		assertThat(drain(source)).isEmpty();

		Path made = Files.createFile(link.resolve("made"));

		assertThat(drain(source)).containsExactly(made);
	}

	@ParameterizedTest
	@MethodSource("sources")
	void aWatchedDirectoryMovedAwayIsWatchedAgainAtItsPathAndWhatTheMovedOneGetsIsNotTold(String name)
			throws IOException {
		Path watched = Files.createDirectory(this.temp.resolve("watched"));
		EntrySource source = source(name);
		source.watch(watched);
		assertThat(drain(source)).isEmpty();

		Path moved = Files.move(watched, this.temp.resolve("moved"));
		assertThat(drain(source)).isEmpty();
		Files.createDirectory(watched);
		Path made = Files.createFile(watched.resolve("made"));
		Files.createFile(moved.resolve("elsewhere"));

		assertThat(drain(source)).containsExactly(made);
	}

	@ParameterizedTest
	@MethodSource("sources")
	void anEntryMovedIntoTheDirectoryIsNew(String name) throws IOException {
		Path elsewhere = Files.createDirectory(this.temp.resolve("elsewhere"));
		Path watched = Files.createDirectory(this.temp.resolve("watched"));
		EntrySource source = source(name);
		source.watch(watched);
		Path moved = Files.move(Files.createFile(elsewhere.resolve("file")), watched.resolve("file"));

		assertThat(drain(source)).containsExactly(moved);
	}

	@ParameterizedTest
	@MethodSource("sources")
	void aDirectoryThatDidNotExistIsWatchedFromWhenItAppearsEverythingInItNew(String name) throws IOException {
		Path later = this.temp.resolve("later");
		EntrySource source = source(name);
		source.watch(later);
		assertThat(drain(source)).isEmpty();

		Files.createDirectory(later);
		Path first = Files.createFile(later.resolve("first"));
		assertThat(drain(source)).containsExactly(first);

		Path second = Files.createFile(later.resolve("second"));
		assertThat(drain(source)).containsExactly(second);
	}

	@Test
	void afterTheKernelsQueueOverflowedWhatChangedSinceTheLastReadIsToldAndWhatWasThereBeforeNot() throws IOException {
		Path before = Files.createFile(this.temp.resolve("before"));
		waitForTheFileSystemClockToPass(before);
		assumeTrue(EntrySources.inotifyUnavailable() == null, "inotify is read on 64-bit Linux only");
		RecordingLog log = new RecordingLog();
		EntrySource source = InotifySource.open(InotifySource.AddWatch.NATIVE, log);
		this.opened.add(source);
		source.watch(this.temp);
		assertThat(drain(source)).isEmpty();

		// more creations than the kernel queues (fs.inotify.max_queued_events, 16384 by
		// default) before the next read
		int count = queuedEventsLimit() + 100;
		List<Path> made = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			made.add(Files.createFile(this.temp.resolve("made-" + i)));
		}

		assertThat(drain(source)).doesNotContain(before).containsAll(made);
		assertThat(log.warnings()).singleElement().asString().contains("fs.inotify.max_queued_events");
	}

	private static int queuedEventsLimit() throws IOException {
		// readString trusts the size /proc gives, 0, and reads one byte
		return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/fs/inotify/max_queued_events")).get(0).trim());
	}

	// until a file made now has a change time past entry's by more than the clock slack
	// of InotifySource
	private void waitForTheFileSystemClockToPass(Path entry) throws IOException {
		long changed = ctime(entry);
		Path probe = this.temp.resolve(".probe");
		do {
			Files.deleteIfExists(probe);
			Files.createFile(probe);
			Thread.onSpinWait();
		}
		while (ctime(probe) < changed + 500);
		Files.delete(probe);
	}

	private static long ctime(Path path) throws IOException {
		return ((java.nio.file.attribute.FileTime) Files.getAttribute(path, "unix:ctime")).toMillis();
	}

	@Test
	void whenTheSystemsInotifyLimitIsReachedLeakDetectionGoesOnBySnapshotsWithOneWarningNamingTheCause() {
		assumeTrue(EntrySources.inotifyUnavailable() == null, "inotify is read on 64-bit Linux only");
		RecordingLog log = new RecordingLog();
		EntrySource source = EntrySources.create(LeakDetectionSettings.Mode.AUTO, () -> {
			throw new IOException("inotify_init1 failed, errno 24: the limit of inotify instances per user"
					+ " (fs.inotify.max_user_instances) is reached");
		}, log);
		this.opened.add(source);

		assertThat(source.name()).isEqualTo("snapshot");
		assertThat(log.lines()).singleElement()
			.isEqualTo("WARN tempguard cannot read Linux's inotify (inotify_init1 failed, errno 24: the limit of"
					+ " inotify instances per user (fs.inotify.max_user_instances) is reached); it reads the watched"
					+ " directories by snapshots instead. Raise the limit, or set tempguard.leak-detection.mode=snapshot"
					+ " to say so");
	}

	@Test
	void theSnapshotModeIsWhatItSays() {
		EntrySource source = EntrySources.create(LeakDetectionSettings.Mode.SNAPSHOT);
		this.opened.add(source);

		assertThat(source.name()).isEqualTo("snapshot");
	}

	@Test
	void aSnapshotListsAgainAfterAChangeInTheSameTickOfTheFileSystemsClock() throws IOException {
		// a clock that stands still: every listing is as close to the last change as can
		// be, so never trusted
		SnapshotSource source = new SnapshotSource(() -> 0L);
		this.opened.add(source);
		source.watch(this.temp);
		Path first = Files.createFile(this.temp.resolve("first"));
		assertThat(drain(source)).containsExactly(first);
		FileTime listed = Files.getLastModifiedTime(this.temp);
		Path second = Files.createFile(this.temp.resolve("second"));
		// as a coarse clock would leave it: the change does not show in the directory's
		// time
		Files.setLastModifiedTime(this.temp, listed);

		assertThat(drain(source)).containsExactly(second);
	}

}
