package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PathGuard}.
 */
class PathGuardTests {

	private static final Path HOME = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();

	private static final Path WORKING_DIRECTORY = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();

	private final PathGuard guard = PathGuard.defaults();

	@TempDir
	Path temp;

	@Test
	void refusesFileSystemRoot() {
		Path root = this.temp.getRoot();
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(root, "delete"))
			.withMessageContaining("Refusing to delete " + root + ":")
			.withMessageContaining("is a file system root");
	}

	@Test
	void refusesHomeDirectoryNamingPathActionReasonAndAdvice() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(HOME, "register"))
			.withMessageContaining("Refusing to register " + HOME + ":")
			.withMessageContaining("is the user's home directory user.home=")
			.withMessageContaining("register only the temporary files and directories a test creates");
	}

	@Test
	void refusesWorkingDirectoryAndItsAncestors() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(WORKING_DIRECTORY, "delete"))
			.withMessageContaining("is the working directory user.dir=" + System.getProperty("user.dir"));
		Path parent = WORKING_DIRECTORY.getParent();
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(parent, "delete"))
			.withMessageContaining(parent.toString())
			.withMessageContaining("is an ancestor of the working directory user.dir=");
		assertThat(this.guard.isDangerous(Path.of(""))).as("relative path to user.dir").isTrue();
	}

	@Test
	void refusesAlsoProtectedPathButNeitherItsChildrenNorItsParent() throws IOException {
		Path rootDir = Files.createDirectory(this.temp.resolve("root-dir"));
		PathGuard guard = this.guard.with(rootDir);
		assertThatIllegalArgumentException().isThrownBy(() -> guard.check(rootDir, "delete"))
			.withMessageContaining(rootDir.toString())
			.withMessageContaining("is protected by tempguard (its root-dir");
		assertThat(guard.isDangerous(rootDir.resolve("child"))).isFalse();
		assertThat(guard.isDangerous(this.temp)).isFalse();
		assertThat(new PathGuard(List.of(rootDir)).isDangerous(rootDir)).isTrue();
		assertThat(this.guard.isDangerous(rootDir)).as("with() returns a new guard").isFalse();
	}

	@Test
	void refusesDotDotPathThatNormalizesToHome() {
		Path sneaky = HOME.resolve("some-dir").resolve("..");
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(sneaky, "delete"))
			.withMessageContaining(sneaky.toString())
			.withMessageContaining("resolved to " + HOME)
			.withMessageContaining("home directory");
	}

	@Test
	void refusesDotDotAndDotThroughSymbolicLinkToHome() throws IOException {
		Path link = Files.createSymbolicLink(this.temp.resolve("link-to-home"), HOME);
		assertThat(this.guard.isDangerous(link.resolve("."))).as("link/. is home").isTrue();
		assertThat(this.guard.isDangerous(link.resolve(".."))).as("link/.. is an ancestor of home").isTrue();
	}

	@Test
	void refusesProtectedPathReachedThroughSymbolicLinkedParent() throws IOException {
		Path link = Files.createSymbolicLink(this.temp.resolve("link-to-parent"), WORKING_DIRECTORY.getParent());
		Path sneaky = link.resolve(WORKING_DIRECTORY.getFileName().toString());
		assertThatIllegalArgumentException().isThrownBy(() -> this.guard.check(sneaky, "delete"))
			.withMessageContaining(sneaky.toString())
			.withMessageContaining("is the working directory");
	}

	@Test
	void allowsOrdinaryTemporaryFile() throws IOException {
		Path file = Files.createFile(this.temp.resolve("file.txt"));
		assertThatNoException().isThrownBy(() -> this.guard.check(file, "delete"));
		assertThat(this.guard.isDangerous(this.temp.resolve("missing/deeper"))).isFalse();
	}

	@Test
	void allowsSymbolicLinkToHomeItselfBecauseDeletingItNeverTouchesHome() throws IOException {
		Path link = Files.createSymbolicLink(this.temp.resolve("link-to-home"), HOME);
		assertThat(this.guard.isDangerous(link)).isFalse();
		assertThatNoException().isThrownBy(() -> this.guard.check(link, "delete"));
	}

}
