package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.stats.Counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for the removals an {@link EntrySource} tells {@link LeakDetector}: an entry seen
 * removed is no leak without a look at the disk, and one made again after its removal is
 * a leak again, with the site the agent saw last. Entries are fed by hand through a fake
 * source, in the order a source tells them.
 */
class LeakDetectorRemovalTests {

	@TempDir
	Path watched;

	private final Scopes scopes = new Scopes();

	private final LeakDetectorStartupTests.FakeSource source = new LeakDetectorStartupTests.FakeSource();

	private final LeakDetector detector = new LeakDetector(this.scopes, new Counters(), new DeletionEngines(),
			(mode) -> this.source);

	private Scope test;

	@BeforeEach
	void openATest() {
		this.detector.watch(List.of(this.watched), List.of(), LeakDetectionSettings.Mode.AUTO);
		Scope classScope = this.scopes.openClass(LeakDetectorRemovalTests.class);
		this.detector.opened(classScope);
		this.test = this.scopes.openMethod(LeakDetectorRemovalTests.class, "test");
		this.detector.opened(this.test);
	}

	@Test
	void anEntryTheSourceSawRemovedIsNoLeakAndOneMadeAgainAfterItsRemovalIs() throws IOException {
		Path removed = this.source.appear(this.watched.resolve("removed"));
		this.source.remove(removed);
		Path again = this.source.appear(this.watched.resolve("again"));
		this.source.remove(again);
		this.source.appear(again);

		this.detector.closed(this.test);

		assertThat(this.detector.untrackedLeaks(this.test, false)).extracting(Leak::path).containsExactly(again);
	}

	@Test
	void aFileMadeAgainInAWatchedDirectoryThatWasDeletedAndMadeAgainIsALeakOfItsTest() throws IOException {
		assumeTrue(EntrySources.inotifyUnavailable() == null, "inotify is read on 64-bit Linux only");
		Path directory = Files.createDirectory(this.watched.resolve("uploads"));
		LeakDetector detector = new LeakDetector(this.scopes, new Counters(), new DeletionEngines(),
				(mode) -> EntrySources.create(LeakDetectionSettings.Mode.INOTIFY));
		detector.watch(List.of(directory), List.of(), LeakDetectionSettings.Mode.INOTIFY);
		Scope test = this.scopes.openMethod(LeakDetectorRemovalTests.class, "uploads");
		detector.opened(test);
		Path out = Files.createFile(directory.resolve("out.txt"));
		Files.delete(out);
		Files.delete(directory);
		Files.createDirectory(directory);
		Files.createFile(out);

		detector.closed(test);

		assertThat(detector.untrackedLeaks(test, false)).extracting(Leak::path).containsExactly(out);
		detector.close();
	}

	@Test
	void aNameATestMadeAndRemovedThatSomethingTheAgentDidNotSeeMadeAgainIsNotThatTestsLeak() throws IOException {
		// a second test of the class runs beside the first
		Scope other = this.scopes.openMethod(LeakDetectorRemovalTests.class, "other");
		this.detector.opened(other);
		Scopes.Binding previous = this.scopes.bind(this.test, false);
		Path shared = this.source.appear(this.watched.resolve("shared.txt"));
		this.detector.createdOnThisThread(shared, CreationSite.of("main", new Throwable("the first test's")));
		this.scopes.restore(previous);
		this.source.remove(shared);
		// another test's child process makes the same name: no agent sees it
		this.source.appear(shared);

		this.detector.closed(this.test);

		assertThat(this.detector.untrackedLeaks(this.test, false)).as("not the first test's").isEmpty();
		this.detector.closed(other);
		assertThat(this.detector.untrackedLeaks(other, false)).isEmpty();
		Scope classScope = this.test.parent();
		this.detector.closed(classScope);
		assertThat(this.detector.untrackedLeaks(classScope, false)).singleElement().satisfies((leak) -> {
			assertThat(leak.path()).isEqualTo(shared);
			assertThat(leak.reason()).isEqualTo(Leak.Reason.AMBIGUOUS);
			assertThat(leak.candidates()).containsExactlyInAnyOrder(this.test.id(), other.id());
			assertThat(leak.site().known()).isFalse();
		});
		Files.delete(shared);
	}

	@Test
	void anEntryRemovedAndMadeAgainBeforeTheSourceWasReadKeepsTheSiteTheAgentSawLast() throws IOException {
		Scopes.Binding previous = this.scopes.bind(this.test, false);
		Path entry = this.source.appear(this.watched.resolve("entry"));
		this.detector.createdOnThisThread(entry, CreationSite.of("main", new Throwable("first")));
		this.source.remove(entry);
		this.source.appear(entry);
		CreationSite last = CreationSite.of("main", new Throwable("again"));
		this.detector.createdOnThisThread(entry, last);
		this.scopes.restore(previous);

		this.detector.closed(this.test);

		assertThat(this.detector.untrackedLeaks(this.test, false)).singleElement().satisfies((leak) -> {
			assertThat(leak.path()).isEqualTo(entry);
			assertThat(leak.site()).isSameAs(last);
		});
		assertThat(entry).exists();
		Files.delete(entry);
	}

}
