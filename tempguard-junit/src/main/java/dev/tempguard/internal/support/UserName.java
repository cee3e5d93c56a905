package dev.tempguard.internal.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The user this JVM runs as, from {@code user.name}.
 */
public final class UserName {

	private static final int MAX_LENGTH = 64;

	private UserName() {
	}

	/** The user's name, or {@code null} where the JVM does not know it. */
	public static @Nullable String current() {
		String user = System.getProperty("user.name");
		return (user == null || user.isEmpty() || "?".equals(user)) ? null : user;
	}

	/**
	 * The owner of {@code path} (not following a link) when it is known and not this
	 * user, else {@code null}: what another user owns is not this user's to delete.
	 */
	public static @Nullable String otherOwner(Path path) {
		String user = current();
		if (user == null) {
			return null;
		}
		String owner;
		try {
			owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
		return (owner.equals(user) || owner.endsWith("\\" + user)) ? null : owner;
	}

	/** The user's name made safe for a file name (see {@link #forFileName(String)}). */
	public static String forFileName() {
		return forFileName(current());
	}

	/**
	 * {@code user} made safe for a file name on every platform: ASCII letters, digits,
	 * {@code .}, {@code -} and {@code _} are kept, every other character (a domain's
	 * {@code \}, a space, a non-ASCII letter) becomes {@code _}; at most 64 characters;
	 * {@code unknown} for none.
	 */
	public static String forFileName(@Nullable String user) {
		if (user == null || user.isEmpty()) {
			return "unknown";
		}
		StringBuilder name = new StringBuilder(Math.min(user.length(), MAX_LENGTH));
		for (int i = 0; i < user.length() && name.length() < MAX_LENGTH; i++) {
			char c = user.charAt(i);
			boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '-' || c == '_';
			name.append(safe ? c : '_');
		}
		return name.toString();
	}

}
