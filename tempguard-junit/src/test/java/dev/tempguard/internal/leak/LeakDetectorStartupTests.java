package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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

/**
 * Tests for what {@link LeakDetector} hands over as start-up entries in the middle of a
 * run: only what appeared while contexts started, never an entry whose tests are still
 * deciding. Entries are fed by hand through a fake {@link EntrySource}.
 */
class LeakDetectorStartupTests {

	@TempDir
	Path watched;

	private final Scopes scopes = new Scopes();

	private final FakeSource source = new FakeSource();

	private final LeakDetector detector = new LeakDetector(this.scopes, new Counters(), new DeletionEngines(),
			(mode) -> this.source);

	@Test
	void startUpEntriesTakenMidRunAreThoseOfStartUpsOnlyAndAnEntryOfTestsOfTwoClassesStaysTheirs() throws IOException {
		this.detector.watch(List.of(this.watched), List.of(), LeakDetectionSettings.Mode.AUTO);
		Opened first = open(FirstClass.class, "first");
		Opened second = open(SecondClass.class, "second");
		// made while both tests ran: the last of their classes to end checks it
		Path shared = this.source.appear(this.watched.resolve("shared.csv"));
		this.detector.closed(first.methodScope);
		// the second test's application context starts meanwhile
		this.detector.startupBegan(second.methodScope);
		Path tomcat = this.source.appear(this.watched.resolve("tomcat.0.1"));
		this.detector.startupEnded();

		assertThat(this.detector.startupLeftovers()).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo(tomcat);
			assertThat(entry.startedBy()).isEqualTo(second.methodScope.id());
		});

		this.detector.closed(second.methodScope);
		close(first);
		List<Leak> leaks = this.detector.untrackedLeaks(second.methodScope.parent(), false);
		assertThat(leaks).extracting(Leak::path).containsExactly(shared);
		assertThat(leaks).extracting(Leak::reason).containsExactly(Leak.Reason.AMBIGUOUS);
	}

	@Test
	void whatTheAgentSawTheStartingThreadMakeIsMadeByThisJvmAndWhatOnlyTheWatchFoundIsNot() throws IOException {
		this.detector.watch(List.of(this.watched), List.of(), LeakDetectionSettings.Mode.AUTO);
		this.detector.unknownSite("made by native code, a child process or a JDK call tempguard's agent does not see");
		open(FirstClass.class, "first");
		// as the Spring module binds the thread that starts a context, in a running test
		Scopes.Binding previous = this.scopes.bind(this.scopes.run(), false);
		this.detector.startupBegan(this.scopes.run());
		// the watch finds it too
		Path ours = this.source.appear(this.watched.resolve("tomcat.0.1"));
		this.detector.createdOnThisThread(ours, CreationSite.of("main", new Throwable()));
		Path theirs = this.source.appear(this.watched.resolve("tomcat.8080.2"));
		this.detector.startupEnded();
		this.scopes.restore(previous);

		assertThat(this.detector.startupLeftovers()).satisfiesExactlyInAnyOrder((entry) -> {
			assertThat(entry.path()).isEqualTo(ours);
			assertThat(entry.madeByThisJvm()).isTrue();
			assertThat(entry.startedBy()).as("no test's context: the run's").isNull();
		}, (entry) -> {
			assertThat(entry.path()).isEqualTo(theirs);
			assertThat(entry.madeByThisJvm()).isFalse();
			assertThat(entry.site().unknownBecause()).startsWith("made by native code, a child process");
		});
	}

	@Test
	void whatAThreadBoundToNoTestMakesWhileAContextStartsIsTheRunningTestsNotTheStarts() throws IOException {
		this.detector.watch(List.of(this.watched), List.of(), LeakDetectionSettings.Mode.AUTO);
		Opened first = open(FirstClass.class, "first");
		// another class's context starts while the first test runs; the first test's
		// server works on a thread of its own, bound to no test
		this.detector.startupBegan(null);
		Path request = this.source.appear(this.watched.resolve("request-1.csv"));
		this.detector.createdOnThisThread(request, CreationSite.of("http-nio-1", new Throwable()));
		this.detector.startupEnded();

		assertThat(this.detector.startupLeftovers()).isEmpty();
		this.detector.closed(first.methodScope);
		assertThat(this.detector.untrackedLeaks(first.methodScope, false)).extracting(Leak::path)
			.containsExactly(request);
	}

	private Opened open(Class<?> testClass, String method) {
		Scope classScope = this.scopes.openClass(testClass);
		this.detector.opened(classScope);
		Scope methodScope = this.scopes.openMethod(testClass, method);
		this.detector.opened(methodScope);
		return new Opened(classScope, methodScope);
	}

	private void close(Opened opened) {
		this.detector.untrackedLeaks(opened.methodScope, false);
		this.detector.closed(opened.classScope);
		this.detector.untrackedLeaks(opened.classScope, false);
	}

	private record Opened(Scope classScope, Scope methodScope) {

	}

	static class FirstClass {

	}

	static class SecondClass {

	}

	/** Entries handed to the detector at its next drain. */
	static final class FakeSource implements EntrySource {

		// each entry with whether it appeared (else it was removed), in order
		private final List<Map.Entry<Path, Boolean>> events = new ArrayList<>();

		Path appear(Path entry) throws IOException {
			Files.createDirectory(entry);
			this.events.add(Map.entry(entry, true));
			return entry;
		}

		void remove(Path entry) throws IOException {
			Files.delete(entry);
			this.events.add(Map.entry(entry, false));
		}

		@Override
		public void watch(Path directory) {
		}

		@Override
		public void drain(Consumer<Path> created, Consumer<Path> removed) {
			List<Map.Entry<Path, Boolean>> drained = List.copyOf(this.events);
			this.events.clear();
			drained.forEach((event) -> (event.getValue() ? created : removed).accept(event.getKey()));
		}

		@Override
		public String name() {
			return "fake";
		}

		@Override
		public void close() {
		}

	}

}
