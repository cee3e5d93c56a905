package dev.tempguard.internal.cleanup;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import dev.tempguard.CleanupResult;

/**
 * Deletes the path given as the only argument with a default {@link DeletionEngine} and
 * prints the result; exits with 0 only if everything was deleted. Run by
 * {@link UnprivilegedDeletionTests} as an unprivileged user.
 */
public final class UnprivilegedDeletionMain {

	private UnprivilegedDeletionMain() {
	}

	public static void main(String[] args) {
		Path path = Path.of(args[0]);
		CleanupResult result = new DeletionEngine(PathGuard.defaults()).delete(path);
		System.out.println("deleted=" + result.deleted().size() + " failures=" + result.failures());
		boolean gone = !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
		System.exit((result.successful() && gone) ? 0 : 1);
	}

}
