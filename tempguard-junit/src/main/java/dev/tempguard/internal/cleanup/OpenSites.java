package dev.tempguard.internal.cleanup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CreationSite;

/**
 * Where files below tempguard's root-dirs were last opened for writing, as tempguard's
 * agent saw it: said when such a file cannot be deleted because it is still open.
 * Bounded: the oldest are forgotten first.
 */
public final class OpenSites {

	static final int LIMIT = 10_000;

	private final Map<Path, CreationSite> sites = new LinkedHashMap<>(256, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Path, CreationSite> eldest) {
			return size() > LIMIT;
		}

	};

	/** {@code path} was just opened for writing at {@code site}. */
	public synchronized void opened(Path path, CreationSite site) {
		this.sites.remove(path);
		this.sites.put(path, site);
	}

	/**
	 * Where {@code path}, or the most recently opened file below it, was opened;
	 * {@code null} when unknown.
	 */
	public synchronized @Nullable CreationSite site(Path path) {
		CreationSite site = this.sites.get(path);
		if (site != null) {
			return site;
		}
		for (Map.Entry<Path, CreationSite> entry : this.sites.entrySet()) {
			if (entry.getKey().startsWith(path)) {
				site = entry.getValue();
			}
		}
		return site;
	}

	/** Forgets the files at or below {@code path}: it was deleted. */
	public synchronized void forget(Path path) {
		this.sites.keySet().removeIf((opened) -> opened.startsWith(path));
	}

}
