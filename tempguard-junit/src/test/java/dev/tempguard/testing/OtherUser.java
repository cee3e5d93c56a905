package dev.tempguard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real other user, for tests of what another user owns: as root, a test gives a
 * directory to {@code nobody} ({@code chown}). Such tests are skipped where the build
 * does not run as root.
 */
public final class OtherUser {

	/** The other user. */
	public static final String NAME = "nobody";

	private OtherUser() {
	}

	/** Skips the test unless it runs as root, who may give a directory away. */
	public static void assumeRoot() {
		assumeTrue("root".equals(System.getProperty("user.name")),
				"needs root to give a directory to another user (" + NAME + ")");
	}

	/** Gives {@code path} to the other user. */
	public static Path owns(Path path) throws IOException {
		return Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NAME));
	}

}
