package dev.tempguard.internal.leak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.CreationSite;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.rundir.LeftoverRecord;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.settings.LeakDetectionSettings;

/**
 * What application contexts leave in the watched directories when they start: an embedded
 * server's work directory, Spring Boot's {@code ApplicationTemp} directory. No test is
 * blamed for them, and the context that made them uses them until it closes, at the end
 * of the JVM at the latest.
 * <p>
 * Those directly in {@code java.io.tmpdir} that match the {@link #CATALOGUE catalogue of
 * known leftovers} (or a glob of {@value LeakDetectionSettings#FRAMEWORK_LEFTOVERS}) and
 * that tempguard's agent saw this JVM make are recorded in the run directory as soon as
 * they are found (see {@link LeftoverRecord}), and deleted once every context that
 * started has closed; when the JVM dies first, the sweep of its orphaned run directory
 * deletes them. Everything else that appeared while a context started is left alone, and
 * listed as left: in particular what only the directory watch found, which another
 * process sharing {@code java.io.tmpdir} may have made and still use.
 */
public final class FrameworkLeftovers {

	private static final Log logger = LogFactory.getLog(FrameworkLeftovers.class);

	/**
	 * The built-in catalogue, first match first: the names Spring Boot, Tomcat, Jetty and
	 * Undertow give what they make in {@code java.io.tmpdir} when a context starts.
	 */
	public static final List<Kind> CATALOGUE = List.of(
			// Spring Boot's createTempDir("tomcat-docbase"), <prefix>.<port>.<random>
			new Kind("Tomcat document root", "tomcat-docbase.*"),
			// Spring Boot's createTempDir("tomcat"): Tomcat's base and work directory
			new Kind("Tomcat work directory", "tomcat.*"), new Kind("Jetty document root", "jetty-docbase.*"),
			// Jetty's own temp directory of a web app:
			// jetty-<host>-<port>-<base>-<vhost>-<random>
			new Kind("Jetty work directory", "jetty-*"), new Kind("Undertow document root", "undertow-docbase.*"),
			new Kind("Undertow directory", "undertow*"),
			// ApplicationTemp: the SHA-1 of the application's location, in hex (session
			// store, persistent sessions)
			new Kind("Spring Boot ApplicationTemp directory", "[0-9A-Fa-f]".repeat(40)));

	private final Path tmpdir;

	private final Supplier<@Nullable RunDirectory> runDirectory;

	private final List<Kind> kinds = new CopyOnWriteArrayList<>(CATALOGUE);

	private final List<BooleanSupplier> contexts = new CopyOnWriteArrayList<>();

	// guarded by itself, in the order the entries appeared
	private final Map<Path, Found> found = new LinkedHashMap<>();

	// guarded by found: the entries left only because this JVM was not seen making them
	private final Set<Path> unproven = new HashSet<>();

	private @Nullable RunDirectory recordedIn;

	private boolean recordFailed;

	/**
	 * @param tmpdir the JVM's {@code java.io.tmpdir}: nothing outside it is ever deleted
	 * @param runDirectory the run directory to record in, {@code null} when there is none
	 */
	public FrameworkLeftovers(Path tmpdir, Supplier<@Nullable RunDirectory> runDirectory) {
		this.tmpdir = tmpdir.toAbsolutePath().normalize();
		this.runDirectory = runDirectory;
	}

	/**
	 * Adds globs of {@value LeakDetectionSettings#FRAMEWORK_LEFTOVERS} to the catalogue.
	 */
	public void catalogue(Collection<String> globs) {
		for (String glob : globs) {
			if (this.kinds.stream().noneMatch((kind) -> kind.glob().equals(glob))) {
				this.kinds.add(new Kind(LeakDetectionSettings.FRAMEWORK_LEFTOVERS + ": " + glob, glob));
			}
		}
	}

	/**
	 * An application context starts, which is closed once {@code closed} says so: its
	 * leftovers are deleted only then.
	 */
	public void contextStarted(BooleanSupplier closed) {
		this.contexts.add(closed);
	}

	/** Whether every application context that started has closed. */
	public boolean contextsClosed() {
		for (BooleanSupplier closed : this.contexts) {
			if (!isClosed(closed)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isClosed(BooleanSupplier closed) {
		try {
			return closed.getAsBoolean();
		}
		catch (RuntimeException ex) {
			// not known to be closed: its leftovers wait for the next sweep
			return false;
		}
	}

	/**
	 * Entries that appeared while application contexts started: those matching the
	 * catalogue that this JVM was seen making are recorded for deletion, the others are
	 * left. An entry left for want of that proof is recorded once the agent's report of
	 * it arrives after the directory watch found it.
	 */
	public void appeared(Collection<StartupEntry> entries) {
		synchronized (this.found) {
			boolean recorded = false;
			for (StartupEntry entry : entries) {
				Path path = entry.path().toAbsolutePath().normalize();
				if (this.found.containsKey(path) && !(entry.madeByThisJvm() && this.unproven.remove(path))) {
					continue;
				}
				Kind kind = kindOf(path);
				if (kind == null) {
					this.found.put(path, new Found(path, null, Status.LEFT, null, null, entry.startedBy()));
				}
				else if (!this.tmpdir.equals(path.getParent())) {
					this.found.put(path,
							new Found(path, kind, Status.LEFT,
									"outside java.io.tmpdir: only entries of " + this.tmpdir + " are deleted", null,
									entry.startedBy()));
				}
				else if (!entry.madeByThisJvm()) {
					this.found.put(path,
							new Found(path, kind, Status.LEFT, notSeenMade(entry.site()), null, entry.startedBy()));
					this.unproven.add(path);
				}
				else {
					try {
						LeftoverRecord.Entry recordEntry = LeftoverRecord.Entry.of(path, kind.glob());
						this.found.put(path,
								new Found(path, kind, Status.DELETE_AT_EXIT, null, recordEntry, entry.startedBy()));
						recorded = true;
					}
					catch (IOException ex) {
						// gone already: nothing was left
					}
				}
			}
			if (recorded) {
				record();
			}
		}
	}

	// why an entry of the catalogue is left: it may be another process's, in use
	private static String notSeenMade(CreationSite site) {
		return "not seen made by this JVM: "
				+ Objects.requireNonNullElse(site.unknownBecause(), "tempguard's agent did not report it")
				+ "; it may be another process's, so it is not deleted";
	}

	private @Nullable Kind kindOf(Path path) {
		Path name = path.getFileName();
		if (name == null) {
			return null;
		}
		for (Kind kind : this.kinds) {
			if (kind.matches(name)) {
				return kind;
			}
		}
		return null;
	}

	// the entries still to delete, recorded where the next sweep finds them if this JVM
	// dies first
	private void record() {
		List<LeftoverRecord.Entry> pending = pendingEntries();
		RunDirectory directory = (this.recordedIn != null) ? this.recordedIn : this.runDirectory.get();
		if (directory == null) {
			return;
		}
		try {
			new LeftoverRecord(this.tmpdir, pending).write(directory.ensureExists());
			this.recordedIn = pending.isEmpty() ? null : directory;
		}
		catch (UncheckedIOException | IllegalArgumentException ex) {
			// deleted at the end of the JVM all the same; only a crash would leave them
			if (!this.recordFailed) {
				this.recordFailed = true;
				logger.warn("tempguard could not record the framework leftovers of its run; they are deleted when"
						+ " the JVM exits, but not by the next run's sweep if it dies first: " + ex.getMessage());
			}
		}
	}

	private List<LeftoverRecord.Entry> pendingEntries() {
		List<LeftoverRecord.Entry> pending = new ArrayList<>();
		for (Found entry : this.found.values()) {
			if (entry.recorded() != null
					&& (entry.status() == Status.DELETE_AT_EXIT || entry.status() == Status.DELETE_FAILED)) {
				pending.add(entry.recorded());
			}
		}
		return pending;
	}

	/** Every entry that appeared while a context started, in the order they did. */
	public List<Found> found() {
		synchronized (this.found) {
			return List.copyOf(this.found.values());
		}
	}

	/**
	 * The run directory that records entries still to delete, or {@code null}: it must
	 * stay until they are deleted, so that the next sweep finds them if this JVM dies
	 * first.
	 */
	public @Nullable RunDirectory recordedIn() {
		synchronized (this.found) {
			return this.recordedIn;
		}
	}

	/**
	 * Deletes the entries recorded for deletion that are still what was recorded (see
	 * {@link LeftoverRecord}); call it once their contexts have closed. What could not be
	 * deleted stays recorded for the next sweep.
	 * @param engine the deletion engine
	 * @return the entries recorded for deletion, with what became of them
	 */
	public List<Found> deleteRecorded(DeletionEngine engine) {
		synchronized (this.found) {
			List<LeftoverRecord.Entry> pending = pendingEntries();
			List<Found> done = new ArrayList<>();
			for (LeftoverRecord.Outcome outcome : new LeftoverRecord(this.tmpdir, pending).delete(engine)) {
				Found before = this.found.get(outcome.entry().path());
				if (before == null) {
					continue;
				}
				Found after;
				if (outcome.failed()) {
					after = before.with(Status.DELETE_FAILED,
							outcome.result().failures().size() + " path(s) could not be deleted, first "
									+ outcome.result().failures().get(0).path() + ": "
									+ outcome.result().failures().get(0).cause());
				}
				else if (outcome.skipped() == null || "gone".equals(outcome.skipped())) {
					after = before.with(Status.DELETED, null);
				}
				else {
					after = before.with(Status.LEFT, outcome.skipped());
				}
				this.found.put(after.path(), after);
				done.add(after);
			}
			record();
			return done;
		}
	}

	/**
	 * A known kind of leftover.
	 *
	 * @param name what it is, for people: such as {@code Tomcat work directory}
	 * @param glob the glob its names match
	 */
	public record Kind(String name, String glob) {

		boolean matches(Path name) {
			PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + this.glob);
			return matcher.matches(name);
		}

	}

	/** What becomes of an entry that appeared while a context started. */
	public enum Status {

		/** It matches the catalogue: deleted once the contexts have closed. */
		DELETE_AT_EXIT,

		/** It matched the catalogue and was deleted. */
		DELETED,

		/**
		 * It matched the catalogue, and deleting it failed: the next sweep tries again.
		 */
		DELETE_FAILED,

		/**
		 * It matches nothing in the catalogue, is outside {@code java.io.tmpdir}, or this
		 * JVM was not seen making it: left, not deleted.
		 */
		LEFT

	}

	/**
	 * An entry that appeared while a context started.
	 *
	 * @param path the entry
	 * @param kind the kind it matched, {@code null} for none
	 * @param status what became of it
	 * @param note why it is left or why its deletion failed, or {@code null}
	 * @param recorded how it is recorded for deletion, {@code null} when it is not
	 * @param startedBy the id of the test context whose application context was starting,
	 * {@code null} when unknown
	 */
	public record Found(Path path, @Nullable Kind kind, Status status, @Nullable String note,
			LeftoverRecord.@Nullable Entry recorded, @Nullable String startedBy) {

		Found with(Status status, @Nullable String note) {
			return new Found(this.path, this.kind, status, note, this.recorded, this.startedBy);
		}

	}

}
