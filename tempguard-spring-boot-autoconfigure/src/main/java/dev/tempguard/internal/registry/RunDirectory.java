package dev.tempguard.internal.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * The directory under root-dir that holds what this JVM creates: {@code run-<pid>-<start>-<random>}. It is
 * made on first use, and again if a cleanup removed it.
 */
public final class RunDirectory {

	private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	private final Path rootDir;

	private final Path path;

	public RunDirectory(Path rootDir) {
		this.rootDir = rootDir;
		this.path = rootDir.resolve("run-" + ProcessHandle.current().pid() + "-" + LocalDateTime.now().format(START)
				+ "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16));
	}

	public Path rootDir() {
		return this.rootDir;
	}

	public Path path() {
		return this.path;
	}

	/** The directory, created (owner-only) if it is not there. */
	public Path ensureExists() {
		if (Files.isDirectory(this.path, LinkOption.NOFOLLOW_LINKS)) {
			return this.path;
		}
		try {
			createOwnerOnly(this.rootDir, true);
			createOwnerOnly(this.path, false);
			return this.path;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("tempguard could not create its run directory " + this.path
					+ " (check that tempguard.root-dir=" + this.rootDir + " is writable)", ex);
		}
	}

	private static void createOwnerOnly(Path directory, boolean parents) throws IOException {
		if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		if (parents && directory.getParent() != null) {
			Files.createDirectories(directory.getParent());
		}
		try {
			Files.createDirectory(directory, ownerOnly(directory, PosixFilePermissions.fromString("rwx------")));
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
				throw ex;
			}
		}
	}

	/** Owner-only permissions where the file system has POSIX permissions, else none. */
	static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
		@Nullable Path existing = path.getParent();
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		boolean posix = existing == null
				|| existing.getFileSystem().supportedFileAttributeViews().contains("posix");
		return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

}
