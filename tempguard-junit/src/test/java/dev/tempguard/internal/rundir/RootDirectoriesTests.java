package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.CleanupPolicy;
import dev.tempguard.internal.settings.LeakDetectionSettings;
import dev.tempguard.internal.settings.ReportSettings;
import dev.tempguard.internal.settings.SweepSettings;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.testing.OtherUser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RootDirectories}: a root-dir the user set is refused when it is not
 * fit, the default one falls back to a directory of this user's own.
 * <p>
 * Another user's directory is a real one: as root, the test gives it to the user
 * {@code nobody} ({@code chown}, see {@link OtherUser}); those tests are skipped where
 * the build does not run as root.
 */
class RootDirectoriesTests {

	@TempDir
	Path temp;

	private Path defaultRootDir;

	private final List<TempGuardRuntime> runtimes = new ArrayList<>();

	@BeforeEach
	void defaultRootDirInTheTempDir() {
		this.defaultRootDir = this.temp.resolve("tempguard-" + System.getProperty("user.name"));
	}

	@AfterEach
	void release() {
		this.runtimes.forEach((runtime) -> runtime.runDirectories().forEach(RunDirectory::close));
	}

	@Test
	void theDefaultIsUsedWhenItDoesNotExistYetAndNothingIsCreated() {
		assertThat(RootDirectories.resolveDefault(this.defaultRootDir)).isEqualTo(this.defaultRootDir);
		assertThat(this.defaultRootDir).doesNotExist();
	}

	@Test
	void theDefaultIsUsedWhenItIsADirectoryOfThisUsersOwn() throws IOException {
		Files.createDirectory(this.defaultRootDir);
		assertThat(RootDirectories.resolveDefault(this.defaultRootDir)).isEqualTo(this.defaultRootDir);
	}

	@Test
	void aDefaultOwnedByAnotherUserIsReplacedByTheFirstFallbackNoOtherUserOwns() throws IOException {
		OtherUser.assumeRoot();
		Path theirs = Files.createDirectory(this.defaultRootDir);
		Path theirFile = Files.writeString(theirs.resolve("their-file.txt"), "theirs");
		Path theirFallback = Files.createDirectory(fallback(1));
		OtherUser.owns(theirs);
		OtherUser.owns(theirFallback);

		Path chosen = RootDirectories.resolveDefault(this.defaultRootDir);

		assertThat(chosen).isEqualTo(fallback(2)).doesNotExist();
		assertThat(theirFile).hasContent("theirs");
	}

	@Test
	void aDefaultThatIsASymbolicLinkOrAFileIsReplacedByAFallback() throws IOException {
		Path elsewhere = Files.createDirectory(this.temp.resolve("elsewhere"));
		Files.createSymbolicLink(this.defaultRootDir, elsewhere);
		Files.writeString(fallback(1), "a file");
		Path mine = Files.createDirectory(fallback(2));

		assertThat(RootDirectories.resolveDefault(this.defaultRootDir)).isEqualTo(mine);
		assertThat(elsewhere).isEmptyDirectory();
		assertThat(fallback(1)).hasContent("a file");
	}

	@Test
	void whenTheDefaultAndEveryFallbackAreTakenTheErrorSaysToSetTheRootDir() throws IOException {
		Files.writeString(this.defaultRootDir, "taken");
		for (int i = 1; i <= RootDirectories.FALLBACKS; i++) {
			Files.writeString(fallback(i), "taken");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> RootDirectories.resolveDefault(this.defaultRootDir))
			.withMessageContaining(this.defaultRootDir.toString())
			.withMessageContaining(fallback(RootDirectories.FALLBACKS).toString())
			.withMessageContaining("set tempguard.root-dir to a directory of your own");
	}

	@Test
	void aRootDirSetByTheUserAndOwnedByAnotherUserIsRefusedSayingWhatToSetInstead() throws IOException {
		OtherUser.assumeRoot();
		Path theirs = Files.createDirectory(this.temp.resolve("shared"));
		OtherUser.owns(theirs);
		assertThatIllegalArgumentException().isThrownBy(() -> RootDirectories.validate(theirs))
			.withMessage("tempguard.root-dir=" + theirs + " is owned by another user (nobody, not root); set"
					+ " tempguard.root-dir to a directory of your own, or remove it to use the default"
					+ " ${java.io.tmpdir}/tempguard-<user>, which is one per user");
	}

	@Test
	void aRuntimeStartedWithADefaultRootDirOwnedByAnotherUserWorksInTheFallbackAndSweepsNothingOfTheirs()
			throws IOException {
		OtherUser.assumeRoot();
		Path theirs = Files.createDirectory(this.defaultRootDir);
		Path theirOrphan = Files.createDirectory(theirs.resolve("run-1-20260101T000000-a"));
		OtherUser.owns(theirs);
		TempGuardRuntime runtime = runtime();

		DefaultTempFileRegistry registry = runtime.start(settings(false));
		Path file = registry.createFile("mine", "txt");

		assertThat(registry.rootDir()).isEqualTo(fallback(1));
		assertThat(file).startsWith(fallback(1)).hasContent("mine");
		assertThat(Files.getOwner(fallback(1), LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("root");
		assertThat(theirOrphan).isDirectory();
		assertThat(runtime.rootDir(settings(false))).as("resolved once").isEqualTo(fallback(1));
	}

	@Test
	void aRuntimeStartedWithTheSameRootDirSetByTheUserFailsNamingTheSetting() throws IOException {
		OtherUser.assumeRoot();
		OtherUser.owns(Files.createDirectory(this.defaultRootDir));
		assertThatIllegalArgumentException().isThrownBy(() -> runtime().start(settings(true)))
			.withMessageStartingWith("tempguard.root-dir=" + this.defaultRootDir + " is owned by another user");
		assertThat(fallback(1)).doesNotExist();
	}

	private TempGuardSettings settings(boolean rootDirSet) {
		return new TempGuardSettings(true, this.defaultRootDir, rootDirSet, CleanupPolicy.DEFAULT,
				new SweepSettings(true, Duration.ZERO, false),
				new LeakDetectionSettings(false, List.of(), List.of(), false, LeakDetectionSettings.Mode.AUTO), false,
				ReportSettings.UNSET);
	}

	private Path fallback(int number) {
		return this.defaultRootDir.resolveSibling(this.defaultRootDir.getFileName() + "-" + number);
	}

	private TempGuardRuntime runtime() {
		TempGuardRuntime runtime = TestRuntimes.create();
		this.runtimes.add(runtime);
		return runtime;
	}

}
