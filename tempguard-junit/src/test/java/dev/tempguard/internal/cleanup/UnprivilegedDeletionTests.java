package dev.tempguard.internal.cleanup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.tempguard.CleanupResult;
import dev.tempguard.testing.Processes.Result;
import dev.tempguard.testing.UnprivilegedUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deletes a tree with read-only and inaccessible directories and read-only files as an
 * unprivileged user, in a separate JVM started with {@code runuser}. It runs as an
 * unprivileged user because root ignores permissions, so only there does the engine
 * really have to give the owner its permissions back. Skipped unless the build runs as
 * root with {@code /usr/sbin/runuser} available.
 */
class UnprivilegedDeletionTests {

	private Path scratch;

	@BeforeEach
	void requireRootAndUnprivilegedUser() throws Exception {
		UnprivilegedUser.assume();
		this.scratch = UnprivilegedUser.scratch("tempguard-unprivileged-");
	}

	@AfterEach
	void deleteScratch() {
		if (this.scratch != null) {
			CleanupResult result = new DeletionEngine(PathGuard.defaults()).delete(this.scratch);
			assertThat(result.failures()).isEmpty();
		}
	}

	@Test
	void unprivilegedUserDeletesReadOnlyTree() throws Exception {
		String classpath = UnprivilegedUser.copyClasspath(this.scratch.resolve("classpath"));
		Path work = Files.createDirectory(this.scratch.resolve("work"));
		Path tree = Files.createDirectories(work.resolve("tree"));
		Path readOnlyDirectory = Files.createDirectories(tree.resolve("read-only/nested"));
		Files.writeString(readOnlyDirectory.resolve("file.txt"), "x");
		Path inaccessible = Files.createDirectories(tree.resolve("inaccessible"));
		Files.writeString(inaccessible.resolve("hidden.txt"), "x");
		Path readOnlyFile = Files.writeString(tree.resolve("read-only.txt"), "x");
		UnprivilegedUser.owns(work);
		Files.setPosixFilePermissions(readOnlyFile, PosixFilePermissions.fromString("r--r--r--"));
		Files.setPosixFilePermissions(readOnlyDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(readOnlyDirectory.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(inaccessible, PosixFilePermissions.fromString("---------"));
		Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
		Result result = UnprivilegedUser.run(classpath, UnprivilegedDeletionMain.class, this.scratch, List.of(),
				tree.toString());
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("deleted=7 failures=[]");
		assertThat(tree).doesNotExist();
	}

}
