package dev.tempguard.internal.leak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.CreationSite;
import dev.tempguard.internal.cleanup.DeletionEngines;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.leak.FrameworkLeftovers.Found;
import dev.tempguard.internal.leak.FrameworkLeftovers.Status;
import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.settings.LeakDetectionSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link FrameworkLeftovers}: which entries that appeared while application
 * contexts started are recorded and deleted, and which are left. Each test has a
 * {@code java.io.tmpdir} and a root-dir of its own. Entries come as the leak detector
 * gives them: seen made by this JVM (its agent reported them), or found by the directory
 * watch.
 */
class FrameworkLeftoversTests {

	private static final CreationSite MADE_HERE = CreationSite.of("main", new Throwable());

	private static final CreationSite FOUND_BY_THE_WATCH = CreationSite
		.unknown("tempguard's agent is not attached (Java 21 warns when an agent attaches to a running JVM;"
				+ " see docs/agent.md)");

	@TempDir
	Path temp;

	private Path tmpdir;

	private RunDirectory runDirectory;

	private FrameworkLeftovers leftovers;

	@BeforeEach
	void setUp() throws IOException {
		this.tmpdir = Files.createDirectory(this.temp.resolve("tmp"));
		Path root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		this.runDirectory = new RunDirectory(root);
		this.leftovers = new FrameworkLeftovers(this.tmpdir, () -> this.runDirectory);
	}

	@AfterEach
	void releaseRunDirectory() {
		this.runDirectory.close();
	}

	// names seen by running Spring Boot 4.0 with Tomcat and with Jetty, and in Spring
	// Boot's sources for Undertow
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					tomcat.0.894265148682800665                                                         | Tomcat work directory
					tomcat.8080.15712188231554513263                                                    | Tomcat work directory
					tomcat-docbase.0.1345718615341081509                                                | Tomcat document root
					jetty-docbase.0.3681497975438566807                                                 | Jetty document root
					jetty-0_0_0_0-0-jetty-docbase_0_3681497975438566807-_-any-a221ba84-5281-4f40-b825-10b08fea2d5f | Jetty work directory
					undertow-docbase.0.4426373474466651240                                              | Undertow document root
					undertow.0.7113937203391870453                                                      | Undertow directory
					4699B14F3F434FA95A9427041FAE5D5E98D80286                                            | Spring Boot ApplicationTemp directory
					""")
	void whatServersAndSpringBootMakeAtStartUpMatchesTheCatalogueAndIsRecordedForDeletion(String name, String kind)
			throws IOException {
		Path entry = Files.createDirectories(this.tmpdir.resolve(name).resolve("work"));

		this.leftovers.appeared(madeHere(entry.getParent()));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.path()).isEqualTo(entry.getParent());
			assertThat(found.kind()).isNotNull().extracting(FrameworkLeftovers.Kind::name).isEqualTo(kind);
			assertThat(found.status()).isEqualTo(Status.DELETE_AT_EXIT);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "tomcat", "startup-cache-1", "4699B14F3F434FA9", "report.csv", "tempguard-alice" })
	void whatMatchesNothingIsLeftAndNotRecorded(String name) throws IOException {
		Path entry = Files.createDirectory(this.tmpdir.resolve(name));

		this.leftovers.appeared(madeHere(entry));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.kind()).isNull();
			assertThat(found.status()).isEqualTo(Status.LEFT);
		});
		assertThat(this.leftovers.recordedIn()).isNull();
		assertThat(this.runDirectory.isLocked()).as("no run directory made for nothing").isFalse();
	}

	@Test
	void aCatalogueEntryThisJvmWasNotSeenMakingIsLeftWithANoteSayingWhyAndNotRecorded() throws IOException {
		Path theirs = Files.createDirectory(this.tmpdir.resolve("tomcat.8080.4242424242"));

		this.leftovers.appeared(List.of(new StartupEntry(theirs, FOUND_BY_THE_WATCH)));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.kind()).isNotNull()
				.extracting(FrameworkLeftovers.Kind::name)
				.isEqualTo("Tomcat work directory");
			assertThat(found.status()).isEqualTo(Status.LEFT);
			assertThat(found.recorded()).isNull();
			assertThat(found.note()).isEqualTo("not seen made by this JVM: tempguard's agent is not attached (Java 21"
					+ " warns when an agent attaches to a running JVM; see docs/agent.md); it may be another"
					+ " process's, so it is not deleted");
		});
		assertThat(this.leftovers.recordedIn()).isNull();
		assertThat(this.leftovers.deleteRecorded(new DeletionEngines().current())).isEmpty();
		assertThat(theirs).isDirectory();
	}

	@Test
	void anEntryTheWatchFoundBeforeTheAgentsReportOfItArrivedIsRecordedOnceTheReportArrives() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));

		this.leftovers.appeared(List.of(new StartupEntry(tomcat, FOUND_BY_THE_WATCH)));
		this.leftovers.appeared(madeHere(tomcat));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.status()).isEqualTo(Status.DELETE_AT_EXIT);
			assertThat(found.note()).isNull();
		});
		assertThat(LeftoverRecord.read(this.runDirectory.path()).orElseThrow().entries())
			.extracting(LeftoverRecord.Entry::path)
			.containsExactly(tomcat);
	}

	@Test
	void catalogueEntriesAreRecordedInTheRunDirectoryAsSoonAsTheyAppear() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		Path other = Files.createDirectory(this.tmpdir.resolve("startup-cache-1"));

		this.leftovers.appeared(madeHere(tomcat, other));

		assertThat(this.leftovers.recordedIn()).isSameAs(this.runDirectory);
		LeftoverRecord record = LeftoverRecord.read(this.runDirectory.path()).orElseThrow();
		assertThat(record.tmpdir()).isEqualTo(this.tmpdir);
		assertThat(record.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo(tomcat);
			assertThat(entry.glob()).isEqualTo("tomcat.*");
		});
	}

	@Test
	void aGlobOfTheSettingAddsToTheCatalogue() throws IOException {
		Path entry = Files.createDirectory(this.tmpdir.resolve("startup-cache-1"));

		this.leftovers.catalogue(List.of("startup-cache-*"));
		this.leftovers.appeared(madeHere(entry));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.kind()).isNotNull()
				.extracting(FrameworkLeftovers.Kind::name)
				.isEqualTo(LeakDetectionSettings.FRAMEWORK_LEFTOVERS + ": startup-cache-*");
			assertThat(found.status()).isEqualTo(Status.DELETE_AT_EXIT);
		});
	}

	@Test
	void aCatalogueEntryOfAnotherWatchedDirectoryIsLeft() throws IOException {
		Path entry = Files.createDirectories(this.temp.resolve("other").resolve("tomcat.0.1"));

		this.leftovers.appeared(madeHere(entry));

		assertThat(this.leftovers.found()).singleElement().satisfies((found) -> {
			assertThat(found.status()).isEqualTo(Status.LEFT);
			assertThat(found.note()).contains("outside java.io.tmpdir");
		});
		assertThat(this.leftovers.recordedIn()).isNull();
	}

	@Test
	void deletingRemovesWhatWasRecordedWithItsContentAndLeavesTheRest() throws IOException {
		Path tomcat = Files.createDirectories(this.tmpdir.resolve("tomcat.0.1").resolve("work").resolve("Tomcat"));
		Files.writeString(tomcat.resolve("SESSIONS.ser"), "x");
		Path other = Files.createDirectory(this.tmpdir.resolve("startup-cache-1"));
		this.leftovers.appeared(madeHere(this.tmpdir.resolve("tomcat.0.1"), other));

		List<Found> done = this.leftovers.deleteRecorded(new DeletionEngines().current());

		assertThat(done).singleElement().satisfies((found) -> assertThat(found.status()).isEqualTo(Status.DELETED));
		assertThat(this.tmpdir.resolve("tomcat.0.1")).doesNotExist();
		assertThat(other).isDirectory();
		assertThat(this.leftovers.recordedIn()).isNull();
		assertThat(this.runDirectory.path().resolve(LeftoverRecord.FILE)).doesNotExist();
	}

	@Test
	void anEntryReplacedUnderTheSameNameSinceItWasRecordedIsNotDeleted() throws IOException {
		Path tomcat = Files.createDirectory(this.tmpdir.resolve("tomcat.0.1"));
		this.leftovers.appeared(madeHere(tomcat));
		// the recorded one goes aside first, so that the new one cannot reuse its inode
		Path aside = Files.move(tomcat, this.temp.resolve("aside"));
		Files.createDirectory(tomcat);
		Files.delete(aside);

		List<Found> done = this.leftovers.deleteRecorded(new DeletionEngines().current());

		assertThat(tomcat).isDirectory();
		assertThat(done).singleElement().satisfies((found) -> {
			assertThat(found.status()).isEqualTo(Status.LEFT);
			assertThat(found.note()).contains("replaced");
		});
	}

	@Test
	void aDeletionThatFailsStaysRecordedForTheNextSweep() throws IOException {
		Path tomcat = Files.createDirectories(this.tmpdir.resolve("tomcat.0.1").resolve("work"));
		this.leftovers.appeared(madeHere(tomcat.getParent()));
		DeletionEngines engines = new DeletionEngines();

		List<Found> done;
		try (InjectedFaults.Injection injection = InjectedFaults.inject(engines, (operation, path) -> {
			if (operation.equals("delete") && path.endsWith("work")) {
				throw new java.nio.file.AccessDeniedException(path.toString());
			}
		})) {
			done = this.leftovers.deleteRecorded(engines.current());
		}

		assertThat(done).singleElement().satisfies((found) -> {
			assertThat(found.status()).isEqualTo(Status.DELETE_FAILED);
			assertThat(found.note()).contains("AccessDeniedException");
		});
		assertThat(this.leftovers.recordedIn()).isSameAs(this.runDirectory);
		assertThat(LeftoverRecord.read(this.runDirectory.path()).orElseThrow().entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.path()).isEqualTo(tomcat.getParent()));
	}

	@Test
	void contextsAreClosedOnceEveryOneThatStartedSaysSo() {
		AtomicBoolean first = new AtomicBoolean();
		AtomicBoolean second = new AtomicBoolean();
		assertThat(this.leftovers.contextsClosed()).as("none started").isTrue();

		this.leftovers.contextStarted(first::get);
		this.leftovers.contextStarted(second::get);
		first.set(true);
		assertThat(this.leftovers.contextsClosed()).isFalse();
		second.set(true);
		assertThat(this.leftovers.contextsClosed()).isTrue();
	}

	@Test
	void aContextThatCannotSayWhetherItClosedCountsAsOpen() {
		this.leftovers.contextStarted(() -> {
			throw new IllegalStateException("gone wrong");
		});

		assertThat(this.leftovers.contextsClosed()).isFalse();
	}

	// as tempguard's agent reports what this JVM made
	private static List<StartupEntry> madeHere(Path... entries) {
		return Arrays.stream(entries).map((entry) -> new StartupEntry(entry, MADE_HERE)).toList();
	}

}
