package dev.tempguard.internal.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.TempDirectory;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link DefaultTempDirectory}, obtained as users do through
 * {@link DefaultTempFileRegistry#createTestDirectory()}.
 */
class DefaultTempDirectoryTests {

	@TempDir
	Path temp;

	private Path outside;

	private TempDirectory directory;

	@BeforeEach
	void createDirectory() throws IOException {
		DefaultTempFileRegistry registry = TestRuntimes.create().registry(this.temp.resolve("root"));
		this.directory = registry.createTestDirectory();
		this.outside = Files.createDirectory(this.temp.resolve("outside"));
	}

	@Test
	void pathIsAnAbsoluteEmptyDirectory() {
		assertThat(this.directory.path()).isAbsolute().isDirectory().isEmptyDirectory();
	}

	@Test
	void createFileCreatesMissingParentsAndReturnsTheAbsolutePath() {
		Path file = this.directory.createFile("a/b/c.txt", "content ✓");
		assertThat(file).isAbsolute().isEqualTo(this.directory.path().resolve("a/b/c.txt")).hasContent("content ✓");
		assertThat(this.directory.path().resolve("a/b")).isDirectory();
	}

	@Test
	void createFileOverwritesAnExistingFile() {
		this.directory.createFile("a.txt", "first, longer content");
		Path file = this.directory.createFile("a.txt", "second");
		assertThat(file).hasContent("second");
	}

	@Test
	void createFileNormalizesAPathThatStaysInside() {
		Path file = this.directory.createFile("a/../b.txt", "b");
		assertThat(file).isEqualTo(this.directory.path().resolve("b.txt")).hasContent("b");
		assertThat(this.directory.path().resolve("a")).doesNotExist();
	}

	@Test
	void createSubdirectoryCreatesItWithItsParents() {
		Path subdirectory = this.directory.createSubdirectory("x/y/z");
		assertThat(subdirectory).isAbsolute().isEqualTo(this.directory.path().resolve("x/y/z")).isDirectory();
	}

	@Test
	void createSubdirectoryOfAnExistingDirectoryReturnsIt() {
		Path first = this.directory.createSubdirectory("x");
		this.directory.createFile("x/keep.txt", "keep");
		assertThat(this.directory.createSubdirectory("x")).isEqualTo(first);
		assertThat(first.resolve("keep.txt")).hasContent("keep");
	}

	@Test
	void existsTellsWhetherARelativePathExists() {
		this.directory.createFile("a/b.txt", "b");
		assertThat(this.directory.exists("a/b.txt")).isTrue();
		assertThat(this.directory.exists("a")).isTrue();
		assertThat(this.directory.exists("a/missing.txt")).isFalse();
		assertThat(this.directory.exists("missing")).isFalse();
	}

	@Test
	void existsSeesADanglingSymbolicLinkWithoutFollowingIt() throws IOException {
		Files.createSymbolicLink(this.directory.path().resolve("dangling"), this.temp.resolve("nowhere"));
		assertThat(this.directory.exists("dangling")).isTrue();
	}

	@Test
	void readReturnsTheContentAsUtf8() {
		this.directory.createFile("notes/read-me.txt", "Grüße\nline 2");
		assertThat(this.directory.read("notes/read-me.txt")).isEqualTo("Grüße\nline 2");
	}

	@Test
	void readOfAMissingFileThrowsUncheckedIOExceptionNamingIt() {
		assertThatThrownBy(() -> this.directory.read("missing.txt")).isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining("missing.txt");
	}

	@Test
	void uniqueFilenameHasThePrefixAndExtensionAndIsNotUsedYet() {
		String name = this.directory.uniqueFilename("report", "csv");
		assertThat(name).matches("report_[0-9a-f]{8}\\.csv");
		assertThat(this.directory.exists(name)).isFalse();
		assertThat(this.directory.path()).isEmptyDirectory();
	}

	@Test
	void uniqueFilenameAcceptsAnExtensionWithADot() {
		assertThat(this.directory.uniqueFilename("report", ".csv")).matches("report_[0-9a-f]{8}\\.csv");
	}

	@Test
	void uniqueFilenameTwiceGivesDifferentNames() {
		assertThat(this.directory.uniqueFilename("report", "csv"))
			.isNotEqualTo(this.directory.uniqueFilename("report", "csv"));
	}

	@Test
	void uniqueFilenameRefusesAnInvalidExtension() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.uniqueFilename("report", "/x"));
	}

	@Test
	void createNumberedFilesCreatesThemInOrderWithTheirNumberInTheContent() {
		List<Path> files = this.directory.createNumberedFiles("data", "row %d", 3);
		Path path = this.directory.path();
		assertThat(files).containsExactly(path.resolve("data_001.txt"), path.resolve("data_002.txt"),
				path.resolve("data_003.txt"));
		assertThat(files.get(0)).hasContent("row 1");
		assertThat(files.get(1)).hasContent("row 2");
		assertThat(files.get(2)).hasContent("row 3");
	}

	@Test
	void createNumberedFilesWithCountZeroCreatesNothing() {
		assertThat(this.directory.createNumberedFiles("data", "row %d", 0)).isEmpty();
		assertThat(this.directory.path()).isEmptyDirectory();
	}

	@Test
	void createNumberedFilesWithNegativeCountIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createNumberedFiles("data", "row %d", -1))
			.withMessageContaining("-1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../escape.txt", "a/../../x", "", ".", "a/.." })
	void pathsThatLeaveTheDirectoryAreRefusedAndNothingIsWritten(String relativePath) throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile(relativePath, "x"))
			.withMessageContaining("'" + relativePath + "'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createSubdirectory(relativePath));
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.read(relativePath));
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.exists(relativePath));
		assertNothingWrittenOutsideTheDirectory();
		assertThat(this.directory.path()).isEmptyDirectory();
	}

	@Test
	void anAbsolutePathIsRefusedAndNothingIsWritten() throws IOException {
		Path absolute = this.outside.resolve("abs.txt");
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile(absolute.toString(), "x"))
			.withMessageContaining("not a path inside");
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createSubdirectory(absolute.toString()));
		assertThat(absolute).doesNotExist();
		assertThat(this.directory.path()).isEmptyDirectory();
	}

	@Test
	void anAbsolutePathAtTheFileSystemRootIsRefused() {
		Path absolute = this.temp.getRoot().resolve("tempguard-abs-" + ProcessHandle.current().pid() + ".txt");
		assertThat(absolute).doesNotExist();
		try {
			assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile(absolute.toString(), "x"));
			assertThat(absolute).doesNotExist();
		}
		finally {
			// only there if the refusal failed
			absolute.toFile().delete();
		}
	}

	@Test
	void createFileThroughASymbolicLinkToAnOutsideDirectoryIsRefused() throws IOException {
		Files.createSymbolicLink(this.directory.path().resolve("link"), this.outside);
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile("link/x.txt", "x"))
			.withMessageContaining("'link/x.txt'")
			.withMessageContaining("symbolic link");
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile("link/deeper/x.txt", "x"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createSubdirectory("link/sub"));
		assertThat(this.outside).isEmptyDirectory();
	}

	@Test
	void readThroughASymbolicLinkToAnOutsideFileIsRefused() throws IOException {
		Path secret = Files.writeString(this.outside.resolve("secret"), "password");
		Files.createSymbolicLink(this.directory.path().resolve("secret-link"), secret);
		Files.createSymbolicLink(this.directory.path().resolve("link"), this.outside);
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.read("secret-link"))
			.withMessageNotContaining("password");
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.read("link/secret"))
			.withMessageNotContaining("password");
	}

	@Test
	void readThroughASymbolicLinkThatStaysInsideIsAllowed() throws IOException {
		Path real = this.directory.createFile("real.txt", "inside");
		Files.createSymbolicLink(this.directory.path().resolve("alias.txt"), real);
		assertThat(this.directory.read("alias.txt")).isEqualTo("inside");
	}

	@Test
	void createFileOnAPathThatIsASymbolicLinkIsRefusedAndTheTargetIsUntouched() throws IOException {
		Path target = Files.writeString(this.outside.resolve("target.txt"), "original");
		Path link = Files.createSymbolicLink(this.directory.path().resolve("note.txt"), target);
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile("note.txt", "overwritten"))
			.withMessageContaining("symbolic link");
		assertThat(target).hasContent("original");
		assertThat(Files.isSymbolicLink(link)).isTrue();
	}

	@Test
	void createFileOnASymbolicLinkToAFileInsideIsRefusedToo() throws IOException {
		Path target = this.directory.createFile("target.txt", "original");
		Files.createSymbolicLink(this.directory.path().resolve("note.txt"), target);
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile("note.txt", "overwritten"));
		assertThat(target).hasContent("original");
	}

	@Test
	void createFileOnADanglingSymbolicLinkIsRefusedAndCreatesNoTarget() throws IOException {
		Path target = this.outside.resolve("created-through-link.txt");
		Files.createSymbolicLink(this.directory.path().resolve("dangling.txt"), target);
		assertThatIllegalArgumentException().isThrownBy(() -> this.directory.createFile("dangling.txt", "x"));
		assertThat(target).doesNotExist();
	}

	@Test
	void createFileBelowADanglingSymbolicLinkWritesNothingOutside() throws IOException {
		Path target = this.outside.resolve("not-yet");
		Files.createSymbolicLink(this.directory.path().resolve("dangling"), target);
		// refused, though as UncheckedIOException (the link's real path cannot be
		// resolved) rather than the IllegalArgumentException that TempDirectory documents
		assertThatThrownBy(() -> this.directory.createFile("dangling/x.txt", "x"))
			.isInstanceOfAny(IllegalArgumentException.class, UncheckedIOException.class);
		assertThat(target).doesNotExist();
		assertThat(this.outside).isEmptyDirectory();
	}

	private void assertNothingWrittenOutsideTheDirectory() throws IOException {
		Path directory = this.directory.path();
		try (Stream<Path> all = Files.walk(this.temp)) {
			// the run directory's lock file is tempguard's own
			assertThat(all.filter(Files::isRegularFile)
				.filter((path) -> !path.startsWith(directory))
				.filter((path) -> !path.equals(directory.getParent().resolve(RunDirectory.LOCK_FILE)))).isEmpty();
		}
		assertThat(this.outside).isEmptyDirectory();
	}

}
