package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Refuses paths tempguard must never register or delete: the file system roots, the
 * user's home directory ({@code user.home}), the working directory ({@code user.dir}),
 * every ancestor of those, and each of a set of extra protected paths (such as
 * tempguard's root-dir) itself.
 * <p>
 * A path is checked both as its normalized absolute form and, when its parent exists, as
 * the real path of its parent joined with its file name. That catches {@code ..} through
 * a symbolic link and symbolic links among the parents, while a symbolic link itself (for
 * example {@code /tmp/x} pointing to the home directory) is not dangerous: deleting a
 * link never touches its target.
 * <p>
 * Instances are immutable and thread-safe.
 */
public final class PathGuard {

	private static final String ADVICE = "tempguard never deletes a file system root, the home or working "
			+ "directory, any of their ancestors or its own root-dir; register only the temporary files and "
			+ "directories a test creates, for example below a @TempDir or below tempguard's root-dir";

	private static final String ALSO_PROTECTED = "is protected by tempguard (its root-dir or another path "
			+ "tempguard must never delete)";

	private final List<Path> alsoProtected;

	/**
	 * Protected path (absolute, normalized; real paths included) to why it is protected.
	 */
	private final Map<Path, String> reasons;

	/**
	 * Creates a guard for the roots, {@code user.home}, {@code user.dir}, their ancestors
	 * and {@code alsoProtected}.
	 * @param alsoProtected further paths to protect, each only itself (neither its
	 * ancestors nor its children)
	 */
	public PathGuard(Collection<Path> alsoProtected) {
		this.alsoProtected = List.copyOf(alsoProtected);
		Map<Path, String> reasons = new LinkedHashMap<>();
		for (Path root : FileSystems.getDefault().getRootDirectories()) {
			protect(reasons, root, "is a file system root");
		}
		protectWithAncestors(reasons, System.getProperty("user.home"), "is the user's home directory user.home=",
				"is an ancestor of the user's home directory user.home=");
		protectWithAncestors(reasons, System.getProperty("user.dir"), "is the working directory user.dir=",
				"is an ancestor of the working directory user.dir=");
		for (Path path : this.alsoProtected) {
			protect(reasons, path, ALSO_PROTECTED);
		}
		this.reasons = Collections.unmodifiableMap(reasons);
	}

	/**
	 * A guard with no extra protected paths.
	 * @return the guard
	 */
	public static PathGuard defaults() {
		return new PathGuard(List.of());
	}

	/**
	 * A new guard that also protects {@code alsoProtected}.
	 * @param alsoProtected one more path to protect (only itself)
	 * @return the new guard
	 */
	public PathGuard with(Path alsoProtected) {
		List<Path> paths = new ArrayList<>(this.alsoProtected);
		paths.add(alsoProtected);
		return new PathGuard(paths);
	}

	/**
	 * Refuses a dangerous path.
	 * @param path the path about to be used
	 * @param action what is about to be done with it, a verb such as {@code "register"}
	 * or {@code "delete"}
	 * @throws IllegalArgumentException if {@code path} is dangerous, naming it, why and
	 * what to do instead
	 */
	public void check(Path path, String action) {
		Refusal refusal = refusal(path);
		if (refusal != null) {
			String via = refusal.checked().equals(path) ? "" : " (resolved to " + refusal.checked() + ")";
			throw new IllegalArgumentException(
					"Refusing to " + action + " " + path + via + ": it " + refusal.reason() + ". " + ADVICE + ".");
		}
	}

	/**
	 * Whether {@code path} is dangerous, that is whether {@link #check} would refuse it.
	 * @param path the path
	 * @return {@code true} if it must not be deleted
	 */
	public boolean isDangerous(Path path) {
		return refusal(path) != null;
	}

	private @Nullable Refusal refusal(Path path) {
		Path absolute = path.toAbsolutePath();
		Path normalized = absolute.normalize();
		String reason = this.reasons.get(normalized);
		if (reason != null) {
			return new Refusal(normalized, reason);
		}
		// Not normalized first: "link/.." must resolve through the link, as the file
		// system will
		Path parent = absolute.getParent();
		Path name = absolute.getFileName();
		if (parent == null || name == null) {
			return null;
		}
		try {
			Path real = parent.toRealPath().resolve(name.toString()).normalize();
			reason = this.reasons.get(real);
			return (reason != null) ? new Refusal(real, reason) : null;
		}
		catch (IOException | RuntimeException ex) {
			// The parent does not exist (or cannot be resolved): nothing real to protect
			// beyond the lexical check
			return null;
		}
	}

	private static void protectWithAncestors(Map<Path, String> reasons, @Nullable String location, String reason,
			String ancestorReason) {
		if (location == null || location.isEmpty()) {
			return;
		}
		Path path = Path.of(location);
		for (Path form : forms(path)) {
			reasons.putIfAbsent(form, reason + location);
			for (Path ancestor = form.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
				reasons.putIfAbsent(ancestor, ancestorReason + location);
			}
		}
	}

	private static void protect(Map<Path, String> reasons, Path path, String reason) {
		for (Path form : forms(path)) {
			reasons.putIfAbsent(form, reason);
		}
	}

	/** The normalized absolute path and, if it exists, its real path. */
	private static List<Path> forms(Path path) {
		Path normalized = path.toAbsolutePath().normalize();
		try {
			Path real = normalized.toRealPath();
			return real.equals(normalized) ? List.of(normalized) : List.of(normalized, real);
		}
		catch (IOException | RuntimeException ex) {
			return List.of(normalized);
		}
	}

	private record Refusal(Path checked, String reason) {
	}

}
