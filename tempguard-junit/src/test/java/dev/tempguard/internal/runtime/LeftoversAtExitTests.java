package dev.tempguard.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.CreationSite;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.report.RunReport;
import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.sweep.OrphanSweeper;
import dev.tempguard.testing.SystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The framework leftovers of a run from start-up to the end of the JVM, over a runtime of
 * the test's own: an application context starts (as the Spring module's start-up binding
 * says it does) and leaves a Tomcat work directory and a directory the catalogue does not
 * know; the end of the run keeps the run directory that records the first; the end of the
 * JVM deletes it once the context has closed, or leaves it to the next sweep. What the
 * context makes is reported as tempguard's agent reports it (the agent of this JVM
 * reports to the JVM's own runtime, not to the test's); what another process makes
 * meanwhile is a real process's, found by the directory watch. The end of the JVM is the
 * task the runtime registers, run by the test; the waits for the context are counted, not
 * timed.
 */
class LeftoversAtExitTests {

	@TempDir
	Path temp;

	private Path tmpdir;

	private Path rootDir;

	private final List<Runnable> atExit = new ArrayList<>();

	private final List<Duration> sleeps = new ArrayList<>();

	private final AtomicBoolean contextClosed = new AtomicBoolean();

	private TempGuardRuntime runtime;

	@BeforeEach
	void startRuntime() throws IOException {
		this.tmpdir = Files.createDirectory(this.temp.resolve("tmp"));
		this.rootDir = this.temp.resolve("root");
		this.runtime = TestRuntimes.create(this.tmpdir, this.atExit::add, this.sleeps::add);
		TempGuardSettings settings = new TempGuardSettings(true, this.rootDir, true, CleanupPolicy.DEFAULT,
				SweepSettings.disabled(), new LeakDetectionSettings(true, List.of(this.tmpdir), List.of(), false,
						LeakDetectionSettings.Mode.AUTO),
				false, ReportSettings.UNSET);
		this.runtime.configure(() -> settings);
	}

	// what the last look at the end of the JVM would stop, which these tests do not run
	@AfterEach
	void stopWatching() {
		this.runtime.leakDetector().close();
	}

	@Test
	void theRunDirectoryRecordingATomcatWorkDirectoryOutlivesTheRunAndBothGoOnceTheContextClosed() throws Exception {
		Path tomcat = this.tmpdir.resolve("tomcat.0.1");
		Path unknown = this.tmpdir.resolve("startup-cache-1");
		startContext(tomcat, unknown);

		endRun();

		assertThat(this.atExit).hasSize(1);
		RunDirectory recording = this.runtime.frameworkLeftovers().recordedIn();
		assertThat(recording).isNotNull();
		assertThat(recording.isLocked()).as("still held: its JVM lives").isTrue();
		assertThat(LeftoverRecord.read(recording.path()).orElseThrow().entries()).extracting(LeftoverRecord.Entry::path)
			.containsExactly(tomcat);
		assertThat(this.runtime.recorder().leftovers()).satisfiesExactly((leftover) -> {
			assertThat(leftover.path()).isEqualTo(tomcat.toString());
			assertThat(leftover.match()).isEqualTo("Tomcat work directory");
			assertThat(leftover.status()).isEqualTo(RunReport.Leftover.Status.DELETE_AT_EXIT.json());
		}, (leftover) -> {
			assertThat(leftover.path()).isEqualTo(unknown.toString());
			assertThat(leftover.status()).isEqualTo(RunReport.Leftover.Status.LEFT.json());
			assertThat(leftover.bytes()).isEqualTo(5);
			assertThat(leftover.files()).isEqualTo(1);
		});

		this.contextClosed.set(true);
		this.atExit.get(0).run();

		assertThat(this.sleeps).as("closed already: no wait").isEmpty();
		assertThat(tomcat).doesNotExist();
		assertThat(unknown.resolve("index.bin")).hasContent("12345");
		assertThat(this.rootDir).isEmptyDirectory();
	}

	@Test
	void aContextStillOpenAtTheEndOfTheWaitKeepsItsLeftoversForTheNextSweep() throws Exception {
		Path tomcat = this.tmpdir.resolve("tomcat.0.1");
		startContext(tomcat, this.tmpdir.resolve("startup-cache-1"));
		endRun();

		this.atExit.get(0).run();

		assertThat(this.sleeps.stream().mapToLong(Duration::toMillis).sum()).isEqualTo(LeftoversAtExit.WAIT.toMillis());
		assertThat(tomcat).isDirectory();
		RunDirectory recording = this.runtime.frameworkLeftovers().recordedIn();
		assertThat(recording).isNotNull();
		assertThat(recording.path().resolve(LeftoverRecord.FILE)).exists();
		// the JVM ends, its lock with it; the next run sweeps
		recording.close();
		new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.rootDir))).sweep(this.rootDir,
				Duration.ofHours(24), false, Set.of());
		assertThat(tomcat).doesNotExist();
	}

	@Test
	void aTomcatDirectoryAnotherProcessMakesWhileTheContextStartsSurvivesAndIsListedAsLeftSayingWhy() throws Exception {
		Path ours = this.tmpdir.resolve("tomcat.0.1");
		Path theirs = this.tmpdir.resolve("tomcat.0.2");

		runWhileAnotherProcessMakes(theirs, ours);

		assertThat(this.runtime.recorder().leftovers()).satisfiesExactlyInAnyOrder(
				(leftover) -> assertThat(leftover.path()).isEqualTo(ours.toString()), (leftover) -> {
					assertThat(leftover.path()).isEqualTo(theirs.toString());
					assertThat(leftover.match()).isEqualTo("Tomcat work directory");
					assertThat(leftover.status()).isEqualTo(RunReport.Leftover.Status.LEFT.json());
					assertThat(leftover.note()).startsWith("not seen made by this JVM: ")
						.endsWith("; it may be another process's, so it is not deleted");
				});

		this.contextClosed.set(true);
		this.atExit.get(0).run();

		assertThat(ours).doesNotExist();
		assertThat(theirs).isDirectory();
	}

	@Test
	void theRecordOfAJvmThatDiedHoldsOnlyWhatItMadeSoTheNextSweepLeavesAnotherProcesssTomcatDirectory()
			throws Exception {
		Path ours = this.tmpdir.resolve("tomcat.0.1");
		Path theirs = this.tmpdir.resolve("tomcat.0.2");
		RunDirectory recording = runWhileAnotherProcessMakes(theirs, ours);

		// the JVM dies before the end of the JVM's task runs; the next run sweeps
		recording.close();
		new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.rootDir))).sweep(this.rootDir,
				Duration.ofHours(24), false, Set.of());

		assertThat(ours).doesNotExist();
		assertThat(theirs).isDirectory();
	}

	@Test
	void withoutLeftoversOfTheCatalogueNothingWaitsForTheEndOfTheJvm() throws Exception {
		startContext(this.tmpdir.resolve("startup-cache-1"));
		Path file = this.runtime.defaultRegistry().createFile("x", "txt");

		endRun();

		assertThat(this.atExit).isEmpty();
		assertThat(file.getParent()).as("the run directory").doesNotExist();
		assertThat(this.runtime.frameworkLeftovers().recordedIn()).isNull();
	}

	@Test
	void whatAStartUpLeftAndItsOwnerDeletedBeforeTheEndOfTheRunIsNotListed() throws Exception {
		Path gone = this.tmpdir.resolve("startup-cache-1");
		Path left = this.tmpdir.resolve("startup-cache-2");
		startContext(gone, left);
		Files.delete(gone.resolve("index.bin"));
		Files.delete(gone);

		endRun();

		assertThat(this.runtime.recorder().leftovers()).extracting(RunReport.Leftover::path)
			.containsExactly(left.toString());
	}

	private void startContext(Path... made) throws Exception {
		startContext(() -> {
		}, made);
	}

	// as the Spring module does around an application context's start, on the thread
	// that starts it; meanwhile runs what else happens
	private void startContext(Meanwhile meanwhile, Path... made) throws Exception {
		this.runtime.frameworkLeftovers().contextStarted(this.contextClosed::get);
		Scopes.Binding previous = this.runtime.scopes().bind(this.runtime.scopes().run(), false);
		this.runtime.startupBegan(null);
		for (Path entry : made) {
			Files.createDirectory(entry);
			// as tempguard's agent reports it
			this.runtime.leakDetector().createdOnThisThread(entry, CreationSite.of("main", new Throwable()));
			Files.writeString(entry.resolve("index.bin"), "12345");
		}
		meanwhile.run();
		this.runtime.scopes().restore(previous);
		this.runtime.startupEnded();
	}

	// a run whose context makes ours while another process makes theirs: only ours is
	// recorded
	private RunDirectory runWhileAnotherProcessMakes(Path theirs, Path ours) throws Exception {
		startContext(() -> anotherProcessMakes(theirs), ours);
		endRun();
		RunDirectory recording = this.runtime.frameworkLeftovers().recordedIn();
		assertThat(recording).isNotNull();
		assertThat(LeftoverRecord.read(recording.path()).orElseThrow().entries()).extracting(LeftoverRecord.Entry::path)
			.containsExactly(ours);
		return recording;
	}

	private static void anotherProcessMakes(Path directory) throws IOException, InterruptedException {
		Process mkdir = new ProcessBuilder("mkdir", directory.toString()).inheritIO().start();
		assertThat(mkdir.waitFor()).as("mkdir's exit code").isZero();
	}

	@FunctionalInterface
	private interface Meanwhile {

		void run() throws Exception;

	}

	// with the report written below the test's directory, not the module's
	private void endRun() {
		try (SystemProperty reportDirectory = SystemProperty.set(ReportWriter.DIRECTORY_PROPERTY,
				this.temp.resolve("report").toString())) {
			RunEnd.endRun(this.runtime);
		}
	}

}
