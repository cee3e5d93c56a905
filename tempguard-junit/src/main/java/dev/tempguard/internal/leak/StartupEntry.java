package dev.tempguard.internal.leak;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CreationSite;

/**
 * An entry that appeared in a watched directory while an application context started, and
 * whether this JVM provably made it: only then may tempguard delete it, since a shared
 * {@code java.io.tmpdir} holds what other processes make meanwhile (another surefire
 * fork, a parallel build).
 *
 * @param path the entry, absolute
 * @param site where it was made: known when tempguard's agent saw this JVM make it; else
 * unknown, saying why (the directory watch found it: another process, native code, or no
 * agent)
 * @param startedBy the id of the test context whose application context was starting,
 * {@code null} when unknown (no test, or several contexts starting at once)
 */
public record StartupEntry(Path path, CreationSite site, @Nullable String startedBy) {

	public StartupEntry(Path path, CreationSite site) {
		this(path, site, null);
	}

	/** Whether tempguard's agent saw this JVM make it. */
	public boolean madeByThisJvm() {
		return this.site.known();
	}

}
