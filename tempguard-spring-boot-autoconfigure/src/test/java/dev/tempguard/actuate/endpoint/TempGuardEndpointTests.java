package dev.tempguard.actuate.endpoint;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint.ContextDescriptor;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint.LeakDescriptor;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint.SiteDescriptor;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint.TempGuardDescriptor;
import dev.tempguard.actuate.endpoint.TempGuardEndpoint.TrackedPathDescriptor;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.cleanup.ScopeCleanup;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TempGuardEndpoint}, over a runtime of the test's own.
 */
class TempGuardEndpointTests {

	@TempDir
	Path temp;

	private TempGuardRuntime runtime;

	private DefaultTempFileRegistry registry;

	private TempGuardEndpoint endpoint;

	@BeforeEach
	void createEndpoint() {
		this.runtime = TestRuntimes.create();
		this.registry = this.runtime.registry(this.temp.resolve("root"));
		this.endpoint = new TempGuardEndpoint(this.runtime.view());
	}

	@Test
	void readOperationDescribesWhatIsTrackedAndWhatWasDone() {
		// before the class opens: an unbound thread counts for the narrowest open context
		Path runFile = this.registry.createFile("in the run", "txt");
		Scope scope = this.runtime.scopes().openClass(ReportTests.class);
		inContext(scope, () -> {
			this.registry.createFile("a", "txt");
			this.registry.createDirectory();
		});
		this.runtime.cleaner().clean(scope, false);
		inContext(scope, () -> this.registry.createFile("again", "csv"));

		TempGuardDescriptor descriptor = this.endpoint.tempGuard();

		assertThat(descriptor.rootDirs()).containsExactly(this.temp.resolve("root").toString());
		assertThat(descriptor.contexts()).isEqualTo(2);
		assertThat(descriptor.totalFiles()).isEqualTo(2);
		assertThat(descriptor.filesByContext()).containsExactly(Map.entry(ReportTests.class.getName(), 1),
				Map.entry("run", 1));
		assertThat(descriptor.created()).isEqualTo(4);
		assertThat(descriptor.deleted()).isEqualTo(2);
		assertThat(descriptor.leaked()).isZero();
		assertThat(descriptor.untrackedLeaks()).isZero();
		assertThat(descriptor.kept()).isZero();
		assertThat(descriptor.cleanupFailures()).isZero();
		assertThat(descriptor.recentLeaks()).isEmpty();
		assertThat(runFile).exists();
	}

	@Test
	void readOperationListsTheMostRecentLeaksWithTheirCause() throws IOException {
		Scope scope = this.runtime.scopes().openClass(ReportTests.class);
		Path directory = Files.createDirectory(this.temp.resolve("protected-later"));
		Files.writeString(directory.resolve("data.csv"), "12345");
		inContext(scope, () -> this.registry.registerDirectory(directory));
		// protected after it was tracked (as another context's root-dir would be): the
		// cleanup refuses it
		this.runtime.engines().protect(directory);
		ScopeCleanup cleanup = this.runtime.cleaner().clean(scope, false);
		Leak untracked = new Leak(scope.id(), this.temp.resolve("report.tmp"), Leak.Reason.UNTRACKED, 3, 1, null);
		this.runtime.recorder().record(scope, cleanup, List.of(untracked));

		TempGuardDescriptor descriptor = this.endpoint.tempGuard();

		assertThat(descriptor.leaked()).isEqualTo(1);
		assertThat(descriptor.cleanupFailures()).isEqualTo(1);
		assertThat(descriptor.recentLeaks()).hasSize(2);
		LeakDescriptor undeletable = descriptor.recentLeaks().get(0);
		assertThat(undeletable.context()).isEqualTo(ReportTests.class.getName());
		assertThat(undeletable.path()).isEqualTo(directory.toString());
		assertThat(undeletable.reason()).isEqualTo("undeletable");
		assertThat(undeletable.bytes()).isEqualTo(5);
		assertThat(undeletable.files()).isEqualTo(1);
		assertThat(undeletable.cause()).isNotBlank();
		assertThat(descriptor.recentLeaks().get(1)).isEqualTo(new LeakDescriptor(ReportTests.class.getName(),
				this.temp.resolve("report.tmp").toString(), "untracked", 3, 1, null, null, null, null));
	}

	@Test
	void readOperationSaysWhereEachLeakWasMadeWhichTestsMayHaveMadeItAndWhetherItIsStillOpen() {
		Scope scope = this.runtime.scopes().openMethod(ReportTests.class, "exportsCsv");
		CreationSite exported = CreationSite.of("worker-1", ReportTests.exportsCsv());
		Leak untracked = new Leak(scope.id(), this.temp.resolve("orders.csv"), Leak.Reason.UNTRACKED, 3, 1, null,
				exported, List.of(), Leak.OpenState.UNKNOWN, null);
		Leak late = new Leak(scope.id(), this.temp.resolve("late.csv"), Leak.Reason.LATE, 1, 1, null, exported,
				List.of(), Leak.OpenState.UNKNOWN, null);
		Leak ambiguous = new Leak(ReportTests.class.getName(), this.temp.resolve("touched"), Leak.Reason.AMBIGUOUS, 0,
				1, null, CreationSite.unknown("made where no agent sees (a child process)"),
				List.of(scope.id(), ReportTests.class.getName() + "#importsCsv[1]"), Leak.OpenState.UNKNOWN, null);
		Leak open = new Leak(scope.id(), this.temp.resolve("open.bin"), Leak.Reason.UNDELETABLE, 2, 1,
				new AccessDeniedException("open.bin"), null, List.of(), Leak.OpenState.NOT_OPEN, null);
		this.runtime.recorder()
			.record(scope, this.runtime.cleaner().clean(scope, false), List.of(untracked, late, ambiguous, open));

		List<LeakDescriptor> leaks = this.endpoint.tempGuard().recentLeaks();

		assertThat(leaks).extracting(LeakDescriptor::reason)
			.containsExactly("untracked", "late", "ambiguous", "undeletable");
		String exporter = Exporter.class.getName() + ".export(TempGuardEndpointTests.java:";
		String test = ReportTests.class.getName() + ".exportsCsv(TempGuardEndpointTests.java:";
		assertThat(leaks.get(0).site()).satisfies((site) -> {
			assertThat(site.known()).isTrue();
			assertThat(site.frames()).satisfiesExactly((frame) -> assertThat(frame).startsWith(exporter),
					(frame) -> assertThat(frame).startsWith(test));
			assertThat(site.description()).isEqualTo(
					"made at " + site.frames().get(0) + ", called from " + site.frames().get(1) + " (thread worker-1)");
			assertThat(site.thread()).isEqualTo("worker-1");
			assertThat(site.unknownBecause()).isNull();
		});
		assertThat(leaks.get(0).candidates()).isNull();
		assertThat(leaks.get(0).openState()).isNull();
		assertThat(leaks.get(1).site()).isEqualTo(leaks.get(0).site());
		assertThat(leaks.get(2).site())
			.isEqualTo(new SiteDescriptor(false, "creation site unknown: made where no agent sees (a child process)",
					List.of(), null, "made where no agent sees (a child process)"));
		assertThat(leaks.get(2).candidates()).containsExactly(scope.id(),
				ReportTests.class.getName() + "#importsCsv[1]");
		assertThat(leaks.get(3).site()).isNull();
		assertThat(leaks.get(3).openState()).isEqualTo("not-open");
		assertThat(leaks.get(3).cause()).isEqualTo("AccessDeniedException: open.bin");
	}

	@Test
	void readOperationCountsLeaksNewAllowedAndKnownAndFixedBaselineEntriesApart() {
		Scope scope = this.runtime.scopes().openMethod(ReportTests.class, "exportsCsv");
		Leak fresh = new Leak(scope.id(), this.temp.resolve("new.tmp"), Leak.Reason.UNTRACKED, 1, 1, null);
		Leak allowed = new Leak(scope.id(), this.temp.resolve("allowed.tmp"), Leak.Reason.UNTRACKED, 1, 1, null);
		Leak known = new Leak(scope.id(), this.temp.resolve("known.tmp"), Leak.Reason.LATE, 1, 1, null);
		ScopeCleanup cleanup = this.runtime.cleaner().clean(scope, false);
		this.runtime.recorder()
			.record(scope, cleanup, List.of(fresh, allowed, known),
					Map.of(allowed, RunReport.Disposition.allowed("renderer", "GH-12"), known,
							RunReport.Disposition.known(scope.id() + " name=known.tmp"))::get);
		this.runtime.recorder().fixed("T#gone[1] name=gone-*", "T#gone[1]", "a leak named gone-*");

		TempGuardDescriptor descriptor = this.endpoint.tempGuard();

		assertThat(descriptor.newLeaks()).isEqualTo(1);
		assertThat(descriptor.allowedLeaks()).isEqualTo(1);
		assertThat(descriptor.knownLeaks()).isEqualTo(1);
		assertThat(descriptor.fixedBaselineEntries()).isEqualTo(1);
	}

	@Test
	void selectorReturnsTheTrackedPathsOfAContext() {
		Scope scope = this.runtime.scopes().openMethod(ReportTests.class, "exportsCsv");
		Path[] created = new Path[2];
		inContext(scope, () -> {
			created[0] = this.registry.createFile("a", "txt");
			created[1] = this.registry.createDirectory();
		});

		ContextDescriptor context = this.endpoint.context(scope.id());

		assertThat(context).isNotNull();
		assertThat(context.id()).isEqualTo(ReportTests.class.getName() + "#exportsCsv[1]");
		assertThat(context.kind()).isEqualTo("method");
		assertThat(context.tracked()).containsExactly(new TrackedPathDescriptor(created[0].toString(), false),
				new TrackedPathDescriptor(created[1].toString(), true));
	}

	@Test
	void selectorReturnsTheRunContext() {
		Path file = this.registry.createFile("a", "txt");

		ContextDescriptor context = this.endpoint.context("run");

		assertThat(context)
			.isEqualTo(new ContextDescriptor("run", "run", List.of(new TrackedPathDescriptor(file.toString(), false))));
	}

	@Test
	void selectorReturnsNullForAnUnknownOrClosedContext() {
		Scope scope = this.runtime.scopes().openClass(ReportTests.class);
		this.runtime.scopes().close(scope);

		assertThat(this.endpoint.context("com.example.NoSuchTests")).isNull();
		assertThat(this.endpoint.context(scope.id())).isNull();
	}

	@Test
	void noRootDirIsListedWhileNoneIsInUse() {
		TempGuardDescriptor descriptor = new TempGuardEndpoint(TestRuntimes.create().view()).tempGuard();

		assertThat(descriptor.rootDirs()).isEmpty();
		assertThat(descriptor.created()).isZero();
		assertThat(descriptor.filesByContext()).containsExactly(Map.entry("run", 0));
	}

	@Test
	void everyRootDirInUseIsListed() {
		Path other = this.temp.resolve("other-root");
		this.runtime.registry(other);

		TempGuardDescriptor descriptor = this.endpoint.tempGuard();

		assertThat(descriptor.rootDirs()).containsExactly(other.toString(), this.temp.resolve("root").toString());
	}

	private void inContext(Scope scope, Runnable action) {
		Scopes.Binding previous = this.runtime.scopes().bind(scope, false);
		try {
			action.run();
		}
		finally {
			this.runtime.scopes().restore(previous);
		}
	}

	/** A test class whose contexts the tests open. */
	static final class ReportTests {

		// where a test line calls the code that made a leak
		static Throwable exportsCsv() {
			return Exporter.export();
		}

	}

	/** Code under test that makes a file. */
	static final class Exporter {

		static Throwable export() {
			return new Throwable("made here");
		}

	}

}
