package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import dev.tempguard.CleanupResult;
import dev.tempguard.testing.Processes;
import dev.tempguard.testing.Processes.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Deletes a tree with read-only and inaccessible directories and read-only files as an
 * unprivileged user, in a separate JVM started with {@code runuser}. It runs as an
 * unprivileged user because root ignores permissions, so only there does the engine
 * really have to give the owner its permissions back. Skipped unless the build runs as
 * root with {@code /usr/sbin/runuser} available.
 */
class UnprivilegedDeletionTests {

	private static final String USER = "tempguard-test";

	private static final Path RUNUSER = Path.of("/usr/sbin/runuser");

	private Path scratch;

	@BeforeEach
	void requireRootAndUnprivilegedUser() throws Exception {
		assumeTrue("root".equals(System.getProperty("user.name")), "needs root to switch to an unprivileged user");
		assumeTrue(Files.isExecutable(RUNUSER), "needs " + RUNUSER);
		if (Processes.run(List.of("id", USER), null).exitCode() != 0) {
			assumeTrue(Processes.run(List.of("useradd", "--system", "--no-create-home", USER), null).exitCode() == 0,
					"could not create user " + USER);
		}
		// Below /tmp, which the user can reach, unlike the build's own directories
		this.scratch = Files.createTempDirectory(Path.of("/tmp"), "tempguard-unprivileged-");
		Files.setPosixFilePermissions(this.scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
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
		Path classpath = copyClasspath();
		Path work = Files.createDirectory(this.scratch.resolve("work"));
		Path tree = Files.createDirectories(work.resolve("tree"));
		Path readOnlyDirectory = Files.createDirectories(tree.resolve("read-only/nested"));
		Files.writeString(readOnlyDirectory.resolve("file.txt"), "x");
		Path inaccessible = Files.createDirectories(tree.resolve("inaccessible"));
		Files.writeString(inaccessible.resolve("hidden.txt"), "x");
		Path readOnlyFile = Files.writeString(tree.resolve("read-only.txt"), "x");
		assertThat(Processes.run(List.of("chown", "-R", USER, work.toString()), this.scratch).exitCode()).isZero();
		Files.setPosixFilePermissions(readOnlyFile, PosixFilePermissions.fromString("r--r--r--"));
		Files.setPosixFilePermissions(readOnlyDirectory, PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(readOnlyDirectory.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
		Files.setPosixFilePermissions(inaccessible, PosixFilePermissions.fromString("---------"));
		Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Result result = Processes.run(List.of(RUNUSER.toString(), "-u", USER, "--", java.toString(), "-Xshare:auto",
				"-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", classpath.toString(),
				UnprivilegedDeletionMain.class.getName(), tree.toString()), this.scratch);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("deleted=7 failures=[]");
		assertThat(tree).doesNotExist();
	}

	/**
	 * The engine's classes and the main class, copied where the unprivileged user can
	 * read them.
	 */
	private Path copyClasspath() throws IOException {
		Path classpath = Files.createDirectory(this.scratch.resolve("classpath"));
		copyPackage(DeletionEngine.class, "dev/tempguard/internal/cleanup", classpath);
		copyPackage(UnprivilegedDeletionMain.class, "dev/tempguard/internal/cleanup", classpath);
		copyPackage(CleanupResult.class, "dev/tempguard", classpath);
		try (Stream<Path> paths = Files.walk(classpath)) {
			for (Path path : paths.toList()) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
			}
		}
		return classpath;
	}

	private static void copyPackage(Class<?> type, String packagePath, Path classpath) throws IOException {
		Path root;
		try {
			root = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot locate the classes of " + type, ex);
		}
		Path source = root.resolve(packagePath);
		Path target = Files.createDirectories(classpath.resolve(packagePath));
		try (Stream<Path> files = Files.list(source)) {
			for (Path file : files.filter((file) -> file.toString().endsWith(".class")).toList()) {
				Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}

}
