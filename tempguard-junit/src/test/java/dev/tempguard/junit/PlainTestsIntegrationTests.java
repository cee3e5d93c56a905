package dev.tempguard.junit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.Leak;
import dev.tempguard.TempFileLeakError;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.internal.cleanup.InjectedFaults;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.testing.LauncherRuns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain JUnit Jupiter test classes, no Spring, run through a real JUnit Platform launcher
 * as a build runs them: every test is a context, scoped, cleaned and leak-checked with no
 * annotation, and a leak fails the test that made it when
 * {@code tempguard.fail-on-leak=true}.
 */
class PlainTestsIntegrationTests {

	static final Map<String, List<Object>> seen = new ConcurrentHashMap<>();

	static void record(String name, Object value) {
		seen.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(value);
	}

	@Test
	void aPlainTestThatLeaksATempFileFailsNamingTheFileWithNoAnnotation() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(LeakyTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("cleansUp").succeeded()).isTrue();
		Path leaked = (Path) seen.get("leaked").get(0);
		assertThat(results.test("leaks").failure()).isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.context()).isEqualTo(LeakyTests.class.getName() + "#leaks[1]");
			assertThat(error.leaks()).singleElement().satisfies((leak) -> {
				assertThat(leak.path()).isEqualTo(leaked);
				assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
				assertThat(leak.site()).isNotNull();
				assertThat(leak.site().known()).as("creation site known: %s", leak.site()).isTrue();
			});
			assertThat(error.getMessage()).contains(leaked.toString())
				.contains("made at " + LeakyTests.class.getName() + ".leaks(PlainTestsIntegrationTests.java:");
		});
		// the report shows it failed, as the build does
		assertThat(TempGuardRuntime.get().recorder().records())
			.filteredOn((record) -> record.context().startsWith(LeakyTests.class.getName() + "#"))
			.extracting((record) -> record.context() + " failed=" + record.failed())
			.contains(LeakyTests.class.getName() + "#leaks[1] failed=true",
					LeakyTests.class.getName() + "#cleansUp[1] failed=false");
		deleteQuietly(leaked);
	}

	@Test
	void aFileWrittenAgainAfterItsTestDeletedItIsStillALeakOfThatTestWhileOneDeletedForGoodIsNone() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(RewriteTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("deletesForGood").succeeded()).isTrue();
		Path again = (Path) seen.get("again").get(0);
		assertThat(results.test("writesAgainWhatItDeleted").failure()).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> assertThat(error.leaks()).singleElement().satisfies((leak) -> {
					assertThat(leak.path()).isEqualTo(again);
					assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
					assertThat(leak.context()).isEqualTo(RewriteTests.class.getName() + "#writesAgainWhatItDeleted[1]");
					assertThat(leak.site().known()).as("creation site known: %s", leak.site()).isTrue();
				}));
		deleteQuietly(again);
	}

	@Test
	void aFileOfAFixedNameThatOneTestDeletedAndTheNextWritesAgainIsALeakOfTheNextMadeWhereItWroteIt() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(FixedNameTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.test("writesAndDeletes").succeeded()).isTrue();
		assertThat(results.test("writesAndLeaks").failure()).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> assertThat(error.leaks()).singleElement().satisfies((leak) -> {
					assertThat(leak.path()).isEqualTo(FixedNameTests.FILE);
					assertThat(leak.reason()).isEqualTo(Leak.Reason.UNTRACKED);
					assertThat(leak.site().known()).as("creation site known: %s", leak.site()).isTrue();
					assertThat(leak.site().toString()).contains(FixedNameTests.class.getName() + ".writesAndLeaks(");
				}));
		deleteQuietly(FixedNameTests.FILE);
	}

	@Test
	void aTempDirJUnitKeepsIsALeakOfItsTestFailingItsClassWhileOneJUnitDeletesIsNone() throws IOException {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(KeptTempDirTests.class, "tempguard.fail-on-leak=true");

		Path kept = (Path) seen.get("kept").get(0);
		Path deleted = (Path) seen.get("deleted").get(0);
		assertThat(results.test("keepsItsTempDir").succeeded()).as("JUnit deletes it after the test's check").isTrue();
		assertThat(deleted).doesNotExist();
		assertThat(results.container("KeptTempDirTests").failure()).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> assertThat(error.leaks()).singleElement().satisfies((leak) -> {
					assertThat(leak.path()).isEqualTo(kept);
					assertThat(leak.context()).isEqualTo(KeptTempDirTests.class.getName() + "#keepsItsTempDir[1]");
				}));
		Files.delete(kept.resolve("big.bin"));
		Files.delete(kept);
	}

	@Test
	void withoutFailOnLeakALeakIsReportedAndTheTestPasses() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(LeakyTests.class);

		assertThat(results.test("leaks").succeeded()).isTrue();
		deleteQuietly((Path) seen.get("leaked").get(0));
	}

	@Test
	void theExtensionInjectsTheRegistryAndCleansPassedAndFailedTests() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(RegistryTests.class);

		assertThat(results.test("passes").succeeded()).isTrue();
		assertThat(results.test("fails").failure()).hasMessage("the test's own failure");
		assertThat(seen.get("files")).hasSize(3).allSatisfy((file) -> assertThat((Path) file).doesNotExist());
		assertThat(seen.get("classFileDuringTests")).containsOnly(true);
	}

	@Test
	void everyKindOfJupiterTestIsAContextOfItsOwn() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(KindsOfTests.class);

		assertThat(results.tests()).hasSize(7).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		String name = KindsOfTests.class.getName();
		assertThat(seen.get("contexts")).containsExactlyInAnyOrder(name + "#values[1]", name + "#values[2]",
				name + "#repeated[1]", name + "#repeated[2]", name + "#factory[1]", name + "#factory[2]",
				name + "$Inner#inner[1]");
		assertThat(seen.get("files")).hasSize(7).allSatisfy((file) -> assertThat((Path) file).doesNotExist());
	}

	@Test
	void aTestIsReportedByItsDisplayNamesFromItsClassDown() {
		seen.clear();
		LauncherRuns.run(NamedTests.class);

		String id = NamedTests.Csv.class.getName() + "#exports[2]";
		assertThat(TempGuardRuntime.get().recorder().records()).filteredOn((record) -> record.context().equals(id))
			.singleElement()
			.satisfies(
					(record) -> assertThat(record.displayName()).isEqualTo("Exports > as CSV > exports > row \"b\""));
		seen.get("leaked").forEach((path) -> deleteQuietly((Path) path));
	}

	@Test
	void aFileAThreadOfATestMakesAfterTheTestEndedIsALateLeakOfThatTestAndFailsItsClass() {
		seen.clear();
		LauncherRuns.Results results = LauncherRuns.run(LateTests.class, "tempguard.fail-on-leak=true");

		assertThat(results.tests()).allSatisfy((test) -> assertThat(test.succeeded()).isTrue());
		Path late = (Path) seen.get("late").get(0);
		String starter = LateTests.class.getName() + "#startsAThread[1]";
		assertThat(results.container("LateTests").failure()).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> {
					assertThat(error.context()).isEqualTo(LateTests.class.getName());
					assertThat(error.leaks()).singleElement().satisfies((leak) -> {
						assertThat(leak.path()).isEqualTo(late);
						assertThat(leak.reason()).isEqualTo(Leak.Reason.LATE);
						assertThat(leak.context()).isEqualTo(starter);
					});
					assertThat(error.getMessage()).contains("created after " + starter + " ended");
				});
		deleteQuietly(late);
	}

	@Test
	void aFileThatCannotBeDeletedBecauseTheTestKeptItOpenSaysSoAndWhereItWasOpened() throws IOException {
		seen.clear();
		LauncherRuns.Results results;
		// deleting an open file fails, as on Windows
		try (InjectedFaults.Injection windows = InjectedFaults.inject(TempGuardRuntime.get().engines(),
				(operation, path) -> {
					if (operation.equals("delete") && seen.containsKey("open")
							&& path.equals(seen.get("open").get(0))) {
						throw new AccessDeniedException(path.toString(), null, "still open");
					}
				})) {
			results = LauncherRuns.run(KeepsAFileOpenTests.class, "tempguard.fail-on-leak=true");
		}
		finally {
			KeepsAFileOpenTests.stream.close();
		}

		Path open = (Path) seen.get("open").get(0);
		assertThat(results.test("keepsItOpen").failure()).isInstanceOfSatisfying(TempFileLeakError.class, (error) -> {
			assertThat(error.leaks()).singleElement().satisfies((leak) -> {
				assertThat(leak.reason()).isEqualTo(Leak.Reason.UNDELETABLE);
				assertThat(leak.openState()).isEqualTo(Leak.OpenState.OPEN);
				assertThat(leak.openedAt()).isNotNull();
			});
			assertThat(error.getMessage()).contains(open.toString())
				.contains("this JVM still holds it open, opened at " + KeepsAFileOpenTests.class.getName()
						+ ".keepsItOpen(PlainTestsIntegrationTests.java:");
		});
		Files.delete(open);
	}

	@Test
	void aProjectFolderThatATestCreatesIsWatchedFromWhenItAppears() throws IOException {
		seen.clear();
		Path uploads = Path.of("target/plain-uploads-" + System.nanoTime());
		UploadTests.uploads = uploads;
		LauncherRuns.Results results = LauncherRuns.run(UploadTests.class, "tempguard.fail-on-leak=true",
				"tempguard.leak-detection.watch-dirs=" + System.getProperty("java.io.tmpdir") + "," + uploads);

		Path stored = (Path) seen.get("stored").get(0);
		assertThat(results.test("storesAnUpload").failure()).isInstanceOfSatisfying(TempFileLeakError.class,
				(error) -> assertThat(error.leaks()).singleElement()
					.satisfies((leak) -> assertThat(leak.path()).isEqualTo(stored.toAbsolutePath())));
		Files.delete(stored);
		Files.delete(uploads);
	}

	@Test
	void aSettingThatIsNotValidFailsTheTestsNamingIt() {
		LauncherRuns.Results results = LauncherRuns.run(LeakyTests.class, "tempguard.max-age=soon");

		assertThat(results.container("LeakyTests").failure()).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("tempguard.max-age=soon")
			.hasMessageContaining("24h");
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class LeakyTests {

		@Test
		void leaks() throws IOException {
			record("leaked", Files.createTempFile("plain-leak-", ".tmp"));
		}

		@Test
		void cleansUp() throws IOException {
			Files.delete(Files.createTempFile("plain-clean-", ".tmp"));
		}

	}

	// a @TempDir that JUnit keeps, and one it deletes
	static class KeptTempDirTests {

		@TempDir(cleanup = CleanupMode.NEVER)
		Path kept;

		@TempDir
		Path deleted;

		@Test
		void keepsItsTempDir() throws IOException {
			record("kept", this.kept);
			record("deleted", this.deleted);
			Files.writeString(this.kept.resolve("big.bin"), "data");
			Files.writeString(this.deleted.resolve("small.bin"), "data");
		}

	}

	// the same path made, deleted and made again within one test, and made then deleted
	static class RewriteTests {

		@Test
		void writesAgainWhatItDeleted() throws IOException {
			Path file = Files.write(Files.createTempFile("plain-again-", ".tmp"), new byte[] { 1 });
			Files.delete(file);
			record("again", Files.write(file, new byte[] { 2 }));
		}

		@Test
		void deletesForGood() throws IOException {
			Path file = Files.write(Files.createTempFile("plain-gone-", ".tmp"), new byte[] { 1 });
			Files.delete(file);
		}

	}

	// one name in java.io.tmpdir, written and deleted by a test, written again by the
	// next
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class FixedNameTests {

		static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"))
			.toAbsolutePath()
			.resolve("tempguard-fixed-name-" + ProcessHandle.current().pid() + ".txt");

		@Test
		@Order(1)
		void writesAndDeletes() throws IOException {
			Files.write(FILE, new byte[] { 1 });
			Files.delete(FILE);
		}

		@Test
		@Order(2)
		void writesAndLeaks() throws IOException {
			Files.write(FILE, new byte[] { 2 });
		}

	}

	static class UploadTests {

		static Path uploads;

		@BeforeEach
		void createTheFolder() throws IOException {
			Files.createDirectories(uploads);
		}

		@Test
		void storesAnUpload() throws IOException {
			record("stored", Files.writeString(uploads.resolve("upload-1.csv"), "a,b"));
		}

	}

	static class KeepsAFileOpenTests {

		static OutputStream stream = OutputStream.nullOutputStream();

		@Test
		void keepsItOpen(TempFileRegistry registry) throws IOException {
			Path file = registry.createFile("x", "txt");
			record("open", file);
			stream = new FileOutputStream(file.toFile(), true);
		}

	}

	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	static class LateTests {

		static final CountDownLatch testEnded = new CountDownLatch(1);

		static Thread thread;

		@Test
		@Order(1)
		void startsAThread() {
			thread = new Thread(() -> {
				try {
					testEnded.await(30, TimeUnit.SECONDS);
					record("late", Files.createTempFile("plain-late-", ".tmp"));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			thread.start();
		}

		@Test
		@Order(2)
		void runsAfterIt() throws InterruptedException {
			testEnded.countDown();
			thread.join(30_000);
		}

	}

	@ExtendWith(TempGuardExtension.class)
	static class RegistryTests {

		static Path classFile;

		@BeforeAll
		static void classFile(TempFileRegistry registry) {
			classFile = registry.createFile("for the class", "txt");
			record("files", classFile);
		}

		@Test
		void passes(TempFileRegistry registry) {
			record("files", registry.createFile("passes", "txt"));
			record("classFileDuringTests", Files.exists(classFile));
		}

		@Test
		void fails(TempFileRegistry registry) {
			record("files", registry.createDirectory());
			record("classFileDuringTests", Files.exists(classFile));
			throw new AssertionError("the test's own failure");
		}

		@AfterAll
		static void classFileStillThere() {
			record("classFileDuringTests", Files.exists(classFile));
		}

	}

	@DisplayName("Exports")
	static class NamedTests {

		@Nested
		@DisplayName("as CSV")
		class Csv {

			@DisplayName("exports")
			@ParameterizedTest(name = "row {0}")
			@ValueSource(strings = { "a", "b" })
			void exports(String row) throws IOException {
				// a leak keeps the test's record, whatever else the JVM ran
				record("leaked", Files.createTempFile("named-", ".csv"));
			}

		}

	}

	static class KindsOfTests {

		@ParameterizedTest
		@ValueSource(strings = { "a", "b" })
		void values(String value, TempFileRegistry registry) {
			seeContext(registry);
		}

		@RepeatedTest(2)
		void repeated(TempFileRegistry registry) {
			seeContext(registry);
		}

		@TestFactory
		Stream<DynamicTest> factory(TempFileRegistry registry) {
			return Stream.of("x", "y").map((name) -> DynamicTest.dynamicTest(name, () -> seeContext(registry)));
		}

		static void seeContext(TempFileRegistry registry) {
			record("contexts", registry.currentContext().orElse("run"));
			record("files", registry.createFile("in a test", "txt"));
		}

		@Nested
		class Inner {

			@Test
			void inner(TempFileRegistry registry) {
				seeContext(registry);
			}

		}

	}

}
