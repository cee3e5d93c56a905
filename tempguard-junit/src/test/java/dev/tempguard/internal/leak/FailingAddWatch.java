package dev.tempguard.internal.leak;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An injected {@code inotify_add_watch} that fails with an {@code errno} for the
 * directories it refuses, where they are ({@code ENOENT} where they are not, as the
 * kernel's), and is the C library's for the others.
 */
final class FailingAddWatch implements InotifySource.AddWatch {

	private final int errno;

	private final Predicate<Path> refused;

	private final List<Path> refusals = new CopyOnWriteArrayList<>();

	FailingAddWatch(int errno, Predicate<Path> refused) {
		this.errno = errno;
		this.refused = refused;
	}

	@Override
	public int add(int fd, byte[] pathname, int mask) {
		Path path = Path.of(new String(pathname, 0, pathname.length - 1, StandardCharsets.UTF_8));
		if (!this.refused.test(path)) {
			return NATIVE.add(fd, pathname, mask);
		}
		if (!Files.isDirectory(path)) {
			return -InotifySource.ENOENT;
		}
		this.refusals.add(path);
		return -this.errno;
	}

	/** The directories it failed for, once per failure. */
	List<Path> refusals() {
		return List.copyOf(this.refusals);
	}

}
