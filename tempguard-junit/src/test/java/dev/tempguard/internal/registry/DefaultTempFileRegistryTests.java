package dev.tempguard.internal.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.CleanupResult;
import dev.tempguard.TempDirectoryCallbackException;
import dev.tempguard.TempStats;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.scope.TrackedPath;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Tests for {@link DefaultTempFileRegistry}. Each test has a runtime of its own (scopes,
 * counters, protected root-dirs) and a root-dir inside its {@link TempDir}.
 */
class DefaultTempFileRegistryTests {

	@TempDir
	Path temp;

	private TempGuardRuntime runtime;

	private Scopes scopes;

	private Path rootDir;

	private DefaultTempFileRegistry registry;

	@BeforeEach
	void createRegistry() {
		this.runtime = TestRuntimes.create();
		this.scopes = this.runtime.scopes();
		this.rootDir = this.temp.resolve("root");
		this.registry = this.runtime.registry(this.rootDir);
	}

	// createFile

	@Test
	void createFileWithExtensionWithoutDotAddsTheDot() {
		Path file = this.registry.createFile("hello", "txt");
		assertThat(file.getFileName().toString()).endsWith(".txt").doesNotContain("..");
	}

	@Test
	void createFileWithExtensionWithDotKeepsASingleDot() {
		Path file = this.registry.createFile("hello", ".txt");
		assertThat(file.getFileName().toString()).endsWith(".txt").doesNotContain("..");
	}

	@Test
	void createFileWithEmptyExtensionCreatesAFileWithoutExtension() {
		Path file = this.registry.createFile("hello", "");
		assertThat(file.getFileName().toString()).doesNotContain(".");
	}

	@Test
	void createFileReturnsAnAbsolutePathInTheRunDirectoryUnderRootDir() {
		Path file = this.registry.createFile("hello", "txt");
		assertThat(file).isAbsolute().isRegularFile().startsWith(this.rootDir);
		assertThat(this.registry.rootDir()).isEqualTo(this.rootDir);
		Path runDirectory = file.getParent();
		assertThat(runDirectory.getParent()).isEqualTo(this.rootDir);
		assertThat(runDirectory.getFileName().toString()).startsWith("run-" + ProcessHandle.current().pid() + "-");
	}

	@Test
	void createFileWritesTheContentAsUtf8() throws IOException {
		String content = "Grüße, Ελλάδα ✓\nsecond line";
		Path file = this.registry.createFile(content, "txt");
		assertThat(Files.readAllBytes(file)).isEqualTo(content.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void createFileWithBytesWritesThemUnchanged() throws IOException {
		byte[] content = { 0, -1, 42, 10, 13, -128, 127 };
		Path file = this.registry.createFile(content, "bin");
		assertThat(file.getFileName().toString()).endsWith(".bin");
		assertThat(Files.readAllBytes(file)).isEqualTo(content);
	}

	@Test
	void createFileWithEmptyContentCreatesAnEmptyFile() throws IOException {
		Path file = this.registry.createFile(new byte[0], "");
		assertThat(file).isRegularFile();
		assertThat(Files.size(file)).isZero();
	}

	@Test
	void createdFileIsReadableAndWritableByItsOwnerOnly() throws IOException {
		assumePosix();
		Path file = this.registry.createFile("secret", "txt");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void createdDirectoryAndTheRunDirectoryAreAccessibleByTheirOwnerOnly() throws IOException {
		assumePosix();
		Path directory = this.registry.createDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent())))
			.isEqualTo("rwx------");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/x", "..", ".", "a/b", "a\\b" })
	void createFileWithAnInvalidExtensionIsRefusedAndCreatesNothing(String extension) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.createFile("hello", extension))
			.withMessageContaining("'" + extension + "' is not a file extension");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.createFile(new byte[] { 1 }, extension))
			.withMessageContaining("'" + extension + "' is not a file extension");
		assertThat(this.rootDir).doesNotExist();
		assertThat(this.registry.stats().created()).isZero();
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	// createDirectory

	@Test
	void createDirectoryCreatesAnEmptyDirectoryUnderRootDir() throws IOException {
		Path directory = this.registry.createDirectory();
		assertThat(directory).isAbsolute().isDirectory().isEmptyDirectory().startsWith(this.rootDir);
	}

	@Test
	void createDirectoryTwiceCreatesTwoDifferentDirectories() {
		assertThat(this.registry.createDirectory()).isNotEqualTo(this.registry.createDirectory());
		assertThat(this.registry.stats().totalFiles()).isEqualTo(2);
	}

	// register

	@Test
	void registerReturnsTheAbsoluteNormalizedPath() throws IOException {
		Path file = Files.writeString(this.temp.resolve("report.csv"), "a,b");
		Path registered = this.registry.register(this.temp.resolve("sub").resolve("..").resolve("report.csv"));
		assertThat(registered).isEqualTo(file);
	}

	@Test
	void registerResolvesARelativePathAgainstTheWorkingDirectory() {
		Path registered = this.registry.register(Path.of("build", "..", "tempguard-never-created.txt"));
		assertThat(registered).isEqualTo(
				Path.of(System.getProperty("user.dir"), "tempguard-never-created.txt").toAbsolutePath().normalize());
	}

	@Test
	void registerAcceptsAPathThatDoesNotExistYet() {
		Path future = this.temp.resolve("future.txt");
		assertThat(this.registry.register(future)).isEqualTo(future);
		assertThat(trackedIn(this.scopes.run())).containsExactly(future);
	}

	@Test
	void registerCountsTheFileInTheRunContextWhenNoTestIsRunning() throws IOException {
		Path file = Files.writeString(this.temp.resolve("out.txt"), "x");
		this.registry.register(file);
		TempStats stats = this.registry.stats();
		assertThat(stats.filesByContext()).containsExactly(Map.entry("run", 1));
		assertThat(stats.totalFiles()).isEqualTo(1);
		assertThat(stats.created()).isEqualTo(1);
	}

	@Test
	void aFileRegisteredTwiceIsCountedOnce() throws IOException {
		Path file = Files.writeString(this.temp.resolve("out.txt"), "x");
		this.registry.register(file);
		this.registry.register(this.temp.resolve(".").resolve("out.txt"));
		TempStats stats = this.registry.stats();
		assertThat(stats.created()).isEqualTo(1);
		assertThat(stats.totalFiles()).isEqualTo(1);
		assertThat(stats.filesByContext()).containsEntry("run", 1);
	}

	@Test
	void registerASymbolicLinkToADirectoryTracksTheLinkAndDeletesOnlyTheLink() throws IOException {
		Path target = Files.createDirectory(this.temp.resolve("target"));
		Path inside = Files.writeString(target.resolve("keep.txt"), "keep");
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), target);
		assertThat(this.registry.register(link)).isEqualTo(link);
		CleanupResult result = this.registry.cleanupContext("run");
		assertThat(result.deleted()).containsExactly(link);
		assertThat(link).doesNotExist();
		assertThat(inside).hasContent("keep");
	}

	@Test
	void registerRefusesADirectoryNamingRegisterDirectory() throws IOException {
		Path directory = Files.createDirectory(this.temp.resolve("dir"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(directory))
			.withMessageContaining(directory.toString())
			.withMessageContaining("registerDirectory");
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	@Test
	void registerDirectoryRefusesASymbolicLink() throws IOException {
		Path target = Files.createDirectory(this.temp.resolve("target"));
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), target);
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.registerDirectory(link))
			.withMessageContaining(link.toString())
			.withMessageContaining("symbolic link");
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	@Test
	void registerDirectoryRefusesARegularFile() throws IOException {
		Path file = Files.writeString(this.temp.resolve("file.txt"), "x");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.registerDirectory(file))
			.withMessageContaining(file.toString())
			.withMessageContaining("not a directory");
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	@Test
	void registerDirectoryTracksTheDirectoryAndCleanupDeletesEverythingInIt() throws IOException {
		Path directory = Files.createDirectories(this.temp.resolve("out"));
		Path nested = Files.writeString(Files.createDirectory(directory.resolve("nested")).resolve("f.txt"), "x");
		assertThat(this.registry.registerDirectory(directory)).isEqualTo(directory);
		CleanupResult result = this.registry.cleanupContext("run");
		assertThat(result.deleted()).containsExactly(nested, nested.getParent(), directory);
		assertThat(directory).doesNotExist();
	}

	@Test
	void registerAndRegisterDirectoryRefuseTheFileSystemRoot() {
		assertRefusedForRegistration(this.temp.getRoot());
	}

	@Test
	void registerAndRegisterDirectoryRefuseTheHomeDirectory() {
		assertRefusedForRegistration(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
	}

	@Test
	void registerAndRegisterDirectoryRefuseTheWorkingDirectory() {
		assertRefusedForRegistration(Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize());
	}

	@Test
	void registerAndRegisterDirectoryRefuseAnAncestorOfTheWorkingDirectory() {
		Path workingDirectory = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
		assumeThat(workingDirectory.getParent()).isNotNull();
		assertRefusedForRegistration(workingDirectory.getParent());
	}

	@Test
	void registerAndRegisterDirectoryRefuseRootDirBeforeItExists() {
		assertThat(this.rootDir).doesNotExist();
		assertRefusedForRegistration(this.rootDir);
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(this.rootDir))
			.withMessageContaining("Refusing to register " + this.rootDir);
	}

	@Test
	void registerAndRegisterDirectoryRefuseRootDirOnceItHoldsFiles() {
		this.registry.createFile("x", "txt");
		assertRefusedForRegistration(this.rootDir);
		assertThat(this.registry.stats().totalFiles()).isEqualTo(1);
	}

	@Test
	void registerAndRegisterDirectoryRefuseRootDirGivenWithDotDot() {
		Path viaDotDot = this.rootDir.resolve("sub").resolve("..");
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.registerDirectory(viaDotDot))
			.withMessageContaining(this.rootDir.toString());
	}

	private void assertRefusedForRegistration(Path dangerous) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(dangerous))
			.withMessageContaining(dangerous.toString());
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.registerDirectory(dangerous))
			.withMessageContaining("Refusing to register " + dangerous);
		assertThat(trackedIn(this.scopes.run())).doesNotContain(dangerous);
	}

	// root-dir validation

	@Test
	void constructorRefusesARootDirThatIsASymbolicLink() throws IOException {
		Path real = Files.createDirectory(this.temp.resolve("real"));
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), real);
		assertThatIllegalArgumentException().isThrownBy(() -> TestRuntimes.create().registry(link))
			.withMessageContaining("tempguard.root-dir=" + link)
			.withMessageContaining("symbolic link");
		assertThat(real).isEmptyDirectory();
	}

	@Test
	void constructorRefusesARootDirThatIsARegularFile() throws IOException {
		Path file = Files.writeString(this.temp.resolve("file"), "x");
		assertThatIllegalArgumentException().isThrownBy(() -> TestRuntimes.create().registry(file))
			.withMessageContaining("tempguard.root-dir=" + file)
			.withMessageContaining("is a file");
		assertThat(file).hasContent("x");
	}

	@Test
	void constructorRefusesTheFileSystemRootAsRootDir() {
		Path root = this.temp.getRoot();
		assertThatIllegalArgumentException().isThrownBy(() -> TestRuntimes.create().registry(root))
			.withMessageContaining("tempguard.root-dir=" + root);
	}

	@Test
	void constructorRefusesTheHomeDirectoryAsRootDir() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		assertThatIllegalArgumentException().isThrownBy(() -> TestRuntimes.create().registry(home))
			.withMessageContaining("tempguard.root-dir=" + home);
	}

	@Test
	void twoRegistriesOfOneRuntimeMayShareARootDir() {
		Path first = this.registry.createFile("first", "txt");
		DefaultTempFileRegistry second = this.runtime.registry(this.rootDir);
		Path other = second.createFile("second", "txt");
		assertThat(other.getParent()).isEqualTo(first.getParent());
		assertThat(second.stats().totalFiles()).isEqualTo(2);
	}

	@Test
	void constructorCreatesNothingUntilAFileIsCreated() {
		assertThat(this.rootDir).doesNotExist();
		this.registry.createFile("x", "");
		assertThat(this.rootDir).isDirectory();
	}

	// stats

	@Test
	void statsCountWhatIsCreatedAndTrackedPerContext() {
		TempStats empty = this.registry.stats();
		assertThat(empty.contexts()).isEqualTo(1);
		assertThat(empty.totalFiles()).isZero();
		assertThat(empty.created()).isZero();
		assertThat(empty.filesByContext()).containsExactly(Map.entry("run", 0));
		this.registry.createFile("a", "txt");
		this.registry.createFile(new byte[] { 1 }, "bin");
		this.registry.createDirectory();
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Scopes.Binding previous = this.scopes.bind(method, true);
		try {
			this.registry.createFile("b", "txt");
		}
		finally {
			this.scopes.restore(previous);
		}
		TempStats stats = this.registry.stats();
		assertThat(stats.created()).isEqualTo(4);
		assertThat(stats.totalFiles()).isEqualTo(4);
		assertThat(stats.contexts()).isEqualTo(2);
		assertThat(stats.filesByContext()).containsOnly(Map.entry("run", 3), Map.entry(method.id(), 1));
		assertThat(stats.deleted()).isZero();
	}

	@Test
	void statsFilesByContextIsASnapshot() {
		TempStats before = this.registry.stats();
		this.registry.createFile("a", "txt");
		assertThat(before.filesByContext()).containsEntry("run", 0);
		assertThat(before.totalFiles()).isZero();
	}

	// cleanup

	@Test
	void cleanupContextRunDeletesWhatIsTrackedAndReturnsIt() throws IOException {
		Path file = this.registry.createFile("a", "txt");
		Path directory = this.registry.createDirectory();
		Path inside = Files.writeString(directory.resolve("inside.txt"), "x");
		CleanupResult result = this.registry.cleanupContext("run");
		assertThat(result.successful()).isTrue();
		assertThat(result.kept()).isEmpty();
		assertThat(result.deleted()).containsExactlyInAnyOrder(file, directory, inside);
		assertThat(result.deleted()).containsSubsequence(inside, directory);
		assertThat(file).doesNotExist();
		assertThat(directory).doesNotExist();
		TempStats stats = this.registry.stats();
		assertThat(stats.totalFiles()).isZero();
		assertThat(stats.deleted()).isEqualTo(2);
	}

	@Test
	void cleanupContextLeavesTheContextOpenForMoreFiles() {
		this.registry.createFile("a", "txt");
		this.registry.cleanupContext("run");
		Path again = this.registry.createFile("b", "txt");
		assertThat(again).hasContent("b");
		assertThat(this.registry.stats().filesByContext()).containsEntry("run", 1);
		assertThat(this.registry.cleanupContext("run").deleted()).containsExactly(again);
	}

	@Test
	void cleanupContextCountsAPathAlreadyGoneAsDeleted() throws IOException {
		Path file = this.registry.createFile("a", "txt");
		Files.delete(file);
		CleanupResult result = this.registry.cleanupContext("run");
		assertThat(result.successful()).isTrue();
		assertThat(this.registry.stats().deleted()).isEqualTo(1);
		assertThat(this.registry.stats().leaked()).isZero();
	}

	@Test
	void cleanupContextOfAnUnknownContextIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.cleanupContext("no-such"))
			.withMessageContaining("'no-such'")
			.withMessageContaining("run");
	}

	@Test
	void cleanupContextOfATestContextDeletesOnlyItsFiles() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Path testFile = callBound(method, () -> this.registry.createFile("test", "txt"));
		CleanupResult result = this.registry.cleanupContext(method.id());
		assertThat(result.deleted()).containsExactly(testFile);
		assertThat(testFile).doesNotExist();
		assertThat(runFile).exists();
		assertThat(this.registry.stats().filesByContext()).containsOnly(Map.entry("run", 1), Map.entry(method.id(), 0));
	}

	@Test
	void cleanupAllDeletesWhatEveryContextTracks() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Path testFile = callBound(method, () -> this.registry.createFile("test", "txt"));
		Path testDirectory = callBound(method, this.registry::createDirectory);
		CleanupResult result = this.registry.cleanupAll();
		assertThat(result.successful()).isTrue();
		assertThat(result.deleted()).containsExactlyInAnyOrder(runFile, testFile, testDirectory);
		assertThat(runFile).doesNotExist();
		assertThat(testFile).doesNotExist();
		assertThat(testDirectory).doesNotExist();
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	@Test
	void cleanupAllFromTheOnlyRunningTestCleansItsContextAndEveryContextEnclosingIt() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope classScope = this.scopes.openClass(FirstTests.class);
		Path classFile = callBound(classScope, () -> this.registry.createFile("class", "txt"));
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Path testFile = callBound(method, () -> this.registry.createFile("test", "txt"));

		CleanupResult result = callBound(method, this.registry::cleanupAll);

		assertThat(result.deleted()).containsExactlyInAnyOrder(runFile, classFile, testFile);
		assertThat(this.registry.stats().totalFiles()).isZero();
	}

	@Test
	void cleanupAllNeverTouchesATestRunningAtTheSameTimeNorTheClassAndRunItShares() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope classScope = this.scopes.openClass(FirstTests.class);
		Path classFile = callBound(classScope, () -> this.registry.createFile("class", "txt"));
		Scope calling = this.scopes.openMethod(FirstTests.class, "calling");
		Scope other = this.scopes.openMethod(FirstTests.class, "other");
		Path callingFile = callBound(calling, () -> this.registry.createFile("calling", "txt"));
		Path otherFile = callBound(other, () -> this.registry.createFile("other", "txt"));

		CleanupResult result = callBound(calling, this.registry::cleanupAll);

		assertThat(result.deleted()).containsExactly(callingFile);
		assertThat(otherFile).hasContent("other");
		assertThat(classFile).hasContent("class");
		assertThat(runFile).hasContent("run");
		assertThat(trackedIn(other)).containsExactly(otherFile);
	}

	@Test
	void cleanupAllCleansTheCallingTestsClassWhenTheTestRunningAtTheSameTimeIsOfAnotherClass() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope firstClass = this.scopes.openClass(FirstTests.class);
		Scope secondClass = this.scopes.openClass(SecondTests.class);
		Path firstClassFile = callBound(firstClass, () -> this.registry.createFile("first class", "txt"));
		Path secondClassFile = callBound(secondClass, () -> this.registry.createFile("second class", "txt"));
		Scope calling = this.scopes.openMethod(FirstTests.class, "calling");
		Scope other = this.scopes.openMethod(SecondTests.class, "other");
		Path callingFile = callBound(calling, () -> this.registry.createFile("calling", "txt"));
		Path otherFile = callBound(other, () -> this.registry.createFile("other", "txt"));

		CleanupResult result = callBound(calling, this.registry::cleanupAll);

		assertThat(result.deleted()).containsExactlyInAnyOrder(callingFile, firstClassFile);
		assertThat(List.of(otherFile, secondClassFile, runFile)).allSatisfy((path) -> assertThat(path).exists());
	}

	@Test
	void cleanupAllFromAThreadBoundToNoTestWhileTwoTestsRunCleansNothing() {
		Path runFile = this.registry.createFile("run", "txt");
		Scope first = this.scopes.openMethod(FirstTests.class, "test");
		Scope second = this.scopes.openMethod(SecondTests.class, "test");
		Path firstFile = callBound(first, () -> this.registry.createFile("first", "txt"));
		Path secondFile = callBound(second, () -> this.registry.createFile("second", "txt"));

		assertThat(this.registry.cleanupAll()).isEqualTo(CleanupResult.empty());
		assertThat(List.of(runFile, firstFile, secondFile)).allSatisfy((path) -> assertThat(path).exists());
	}

	@Test
	void cleanupNeverDeletesTheRunDirectoryOrRootDir() {
		this.registry.createFile("a", "txt");
		this.registry.cleanupAll();
		assertThat(this.rootDir).isDirectory();
		assertThat(this.registry.createFile("b", "txt")).hasContent("b");
	}

	@Test
	void afterCleanupCreatedEqualsDeletedPlusLeakedPlusKept() throws IOException {
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		List<Path> kept = callBound(method, () -> List.of(this.registry.createFile("1", "txt"),
				this.registry.createFile("2", "txt"), this.registry.createDirectory()));
		// closed before its cleanup, as the test integration does; from now on files go
		// to the run
		this.scopes.close(method);
		this.registry.createFile("3", "txt");
		this.registry.createDirectory();
		Path gone = this.registry.createFile("4", "txt");
		Files.delete(gone);
		this.registry.register(this.temp.resolve("never-created.txt"));
		CleanupResult keptResult = this.runtime.cleaner().clean(method, true).result();
		CleanupResult runResult = this.registry.cleanupContext("run");
		assertThat(keptResult.kept()).containsExactlyInAnyOrderElementsOf(kept);
		assertThat(runResult.successful()).isTrue();
		TempStats stats = this.registry.stats();
		assertThat(stats.created()).isEqualTo(7);
		assertThat(stats.kept()).isEqualTo(3);
		assertThat(stats.leaked()).isZero();
		assertThat(stats.created()).isEqualTo(stats.deleted() + stats.leaked() + stats.kept());
		assertThat(stats.totalFiles()).isZero();
	}

	// withTestDirectory

	@Test
	void withTestDirectoryCreatesTheFilesAndPassesThemInMapOrder() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("z.txt", "last letter");
		files.put("a/b.txt", "nested");
		files.put("m.txt", "ü");
		String returned = this.registry.withTestDirectory(files, (directory, created, helper) -> {
			assertThat(directory).isAbsolute().isDirectory().startsWith(this.rootDir);
			assertThat(helper.path()).isEqualTo(directory);
			assertThat(created).containsExactly(directory.resolve("z.txt"), directory.resolve("a/b.txt"),
					directory.resolve("m.txt"));
			assertThat(created.get(0)).hasContent("last letter");
			assertThat(created.get(1)).hasContent("nested");
			assertThat(helper.read("m.txt")).isEqualTo("ü");
			return "done";
		});
		assertThat(returned).isEqualTo("done");
		assertThat(this.registry.stats().filesByContext()).containsEntry("run", 1);
	}

	@Test
	void withTestDirectoryKeepsTheDirectoryTrackedForCleanup() {
		Path directory = this.registry.withTestDirectory(Map.of("a.txt", "a"), (dir, files, helper) -> dir);
		assertThat(directory).isDirectory();
		assertThat(this.registry.cleanupContext("run").deleted()).contains(directory, directory.resolve("a.txt"));
		assertThat(directory).doesNotExist();
	}

	@Test
	void withTestDirectoryRethrowsARuntimeExceptionAsIs() {
		IllegalStateException failure = new IllegalStateException("boom");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.registry.withTestDirectory(Map.of(), (dir, files, helper) -> {
				throw failure;
			}))
			.isSameAs(failure);
	}

	@Test
	void withTestDirectoryWrapsACheckedExceptionKeepingItAsCause() {
		IOException failure = new IOException("disk full");
		assertThatExceptionOfType(TempDirectoryCallbackException.class)
			.isThrownBy(() -> this.registry.withTestDirectory(Map.of(), (dir, files, helper) -> {
				throw failure;
			}))
			.withCause(failure)
			.withMessageContaining("disk full");
	}

	@Test
	void withTestDirectoryStillTracksTheDirectoryWhenTheCallbackFails() {
		AtomicReference<Path> directory = new AtomicReference<>();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.registry.withTestDirectory(Map.of("a.txt", "a"), (dir, files, helper) -> {
				directory.set(dir);
				throw new IllegalStateException("boom");
			}));
		assertThat(this.registry.cleanupContext("run").deleted()).contains(directory.get());
		assertThat(directory.get()).doesNotExist();
	}

	@Test
	void withTestDirectoryRefusesAFileThatWouldLeaveTheDirectoryWithoutCallingTheCallback() throws IOException {
		Map<String, String> files = Map.of("../escape.txt", "x");
		AtomicReference<Path> called = new AtomicReference<>();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.withTestDirectory(files, (dir, created, helper) -> called.getAndSet(dir)));
		assertThat(called.get()).isNull();
		try (Stream<Path> all = Files.walk(this.temp)) {
			assertThat(all).noneMatch((path) -> path.getFileName().toString().equals("escape.txt"));
		}
	}

	// currentContext and scope attribution

	@Test
	void currentContextIsEmptyOutsideTests() {
		assertThat(this.registry.currentContext()).isEmpty();
	}

	@Test
	void currentContextIsTheIdOfTheBoundScope() {
		Scope method = this.scopes.openMethod(FirstTests.class, "m");
		assertThat(callBound(method, this.registry::currentContext)).contains(method.id());
		assertThat(method.id()).isEqualTo(FirstTests.class.getName() + "#m[1]");
		assertThat(this.registry.currentContext()).as("after restore, with that scope still open")
			.contains(method.id());
		this.scopes.close(method);
		assertThat(this.registry.currentContext()).isEmpty();
	}

	@Test
	void threadStartedByABoundTestTracksIntoTheSameScope() throws Exception {
		Scope first = this.scopes.openMethod(FirstTests.class, "test");
		this.scopes.openMethod(SecondTests.class, "test");
		Path file = callBound(first, () -> callOnNewThread(() -> this.registry.createFile("x", "txt")));
		assertThat(trackedIn(first)).containsExactly(file);
		assertThat(trackedIn(this.scopes.run())).isEmpty();
	}

	@Test
	void threadStartedUnderANonInheritableBindingDoesNotInheritIt() throws Exception {
		Scope first = this.scopes.openMethod(FirstTests.class, "test");
		this.scopes.openMethod(SecondTests.class, "test");
		Scopes.Binding previous = this.scopes.bind(first, false);
		Path file;
		try {
			file = callOnNewThread(() -> this.registry.createFile("x", "txt"));
		}
		finally {
			this.scopes.restore(previous);
		}
		assertThat(trackedIn(first)).isEmpty();
		assertThat(trackedIn(this.scopes.run())).containsExactly(file);
	}

	@Test
	void unboundThreadTracksIntoTheOnlyOpenMethodScope() throws Exception {
		Scope classScope = this.scopes.openClass(FirstTests.class);
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Path file = callOnNewThread(() -> this.registry.createFile("x", "txt"));
		assertThat(trackedIn(method)).containsExactly(file);
		assertThat(trackedIn(classScope)).isEmpty();
		assertThat(trackedIn(this.scopes.run())).isEmpty();
	}

	@Test
	void unboundThreadTracksIntoTheClassScopeWhileTwoMethodsOfThatClassRun() throws Exception {
		Scope classScope = this.scopes.openClass(FirstTests.class);
		Scope one = this.scopes.openMethod(FirstTests.class, "one");
		Scope two = this.scopes.openMethod(FirstTests.class, "two");
		Path file = callOnNewThread(() -> this.registry.createFile("x", "txt"));
		assertThat(trackedIn(classScope)).containsExactly(file);
		assertThat(trackedIn(one)).isEmpty();
		assertThat(trackedIn(two)).isEmpty();
	}

	@Test
	void unboundThreadTracksIntoTheRunWhileMethodsOfDifferentClassesRun() throws Exception {
		Scope firstClass = this.scopes.openClass(FirstTests.class);
		Scope secondClass = this.scopes.openClass(SecondTests.class);
		this.scopes.openMethod(FirstTests.class, "test");
		this.scopes.openMethod(SecondTests.class, "test");
		Path file = callOnNewThread(() -> this.registry.createFile("x", "txt"));
		assertThat(trackedIn(this.scopes.run())).containsExactly(file);
		assertThat(trackedIn(firstClass)).isEmpty();
		assertThat(trackedIn(secondClass)).isEmpty();
	}

	@Test
	void registrationFromAThreadStillBoundToAClosedScopeGoesToTheEnclosingOpenScope() throws IOException {
		Scope classScope = this.scopes.openClass(FirstTests.class);
		Scope method = this.scopes.openMethod(FirstTests.class, "test");
		Path file = Files.writeString(this.temp.resolve("late.txt"), "late");
		Scopes.Binding previous = this.scopes.bind(method, true);
		try {
			this.scopes.close(method);
			assertThat(this.registry.currentContext()).contains(classScope.id());
			this.registry.register(file);
		}
		finally {
			this.scopes.restore(previous);
		}
		assertThat(trackedIn(method)).isEmpty();
		assertThat(trackedIn(classScope)).containsExactly(file);
		assertThat(this.registry.cleanupContext(classScope.id()).deleted()).containsExactly(file);
	}

	private static List<Path> trackedIn(Scope scope) {
		List<Path> paths = new ArrayList<>();
		for (TrackedPath tracked : scope.tracked()) {
			paths.add(tracked.path());
		}
		return paths;
	}

	private <T> T callBound(Scope scope, Callable<T> action) {
		Scopes.Binding previous = this.scopes.bind(scope, true);
		try {
			return action.call();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			this.scopes.restore(previous);
		}
	}

	private static <T> T callOnNewThread(Callable<T> action) throws InterruptedException {
		AtomicReference<T> result = new AtomicReference<>();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				result.set(action.call());
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "tempguard-test-worker");
		thread.start();
		thread.join(10_000);
		assertThat(thread.isAlive()).as("worker thread finished").isFalse();
		assertThat(failure.get()).as("worker thread failure").isNull();
		return result.get();
	}

	private static void assumePosix() {
		assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
	}

	static class FirstTests {

	}

	static class SecondTests {

	}

}
