package dev.tempguard.internal.rundir;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.tempguard.CleanupResult;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.support.UserName;

/**
 * The framework leftovers that a run recorded in its run directory (file {@value #FILE}):
 * entries that application contexts made in {@code java.io.tmpdir} while they started,
 * matching the catalogue of known leftovers, that tempguard's agent saw the run's JVM
 * make, to be deleted once those contexts have closed. The run deletes them itself at the
 * end of its JVM; when that JVM died first, the sweep that finds its run directory
 * orphaned deletes them.
 * <p>
 * Each entry is recorded with the glob it matched and its identity on disk (the file key,
 * an inode on Unix; else its creation time), and is deleted only while it is still that
 * same entry, still directly in the recorded {@code java.io.tmpdir}, and still matches:
 * never a path outside it, never an entry that replaced it under the same name.
 *
 * @param tmpdir the {@code java.io.tmpdir} of the run, absolute
 * @param entries what is still to be deleted
 */
public record LeftoverRecord(Path tmpdir, List<Entry> entries) {

	/** The record's file in a run directory. */
	public static final String FILE = "framework-leftovers.properties";

	public LeftoverRecord {
		tmpdir = tmpdir.toAbsolutePath().normalize();
		entries = List.copyOf(entries);
	}

	/**
	 * Reads the record of {@code runDirectory}.
	 * @return the record, or empty when the run recorded nothing (or the record cannot be
	 * read, which leaves its entries alone)
	 */
	public static Optional<LeftoverRecord> read(Path runDirectory) {
		Path file = runDirectory.resolve(FILE);
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			return Optional.empty();
		}
		String tmpdir = properties.getProperty("tmpdir");
		if (tmpdir == null) {
			return Optional.empty();
		}
		List<Entry> entries = new ArrayList<>();
		for (int i = 0;; i++) {
			String path = properties.getProperty("entry." + i + ".path");
			String glob = properties.getProperty("entry." + i + ".glob");
			String identity = properties.getProperty("entry." + i + ".identity");
			if (path == null || glob == null || identity == null) {
				break;
			}
			entries.add(new Entry(Path.of(path), glob, identity));
		}
		return Optional.of(new LeftoverRecord(Path.of(tmpdir), entries));
	}

	/**
	 * Writes this record to {@code runDirectory}, replacing the one there, or removes it
	 * when it has no entries.
	 * @throws UncheckedIOException when it cannot be written
	 */
	public void write(Path runDirectory) {
		Path file = runDirectory.resolve(FILE);
		try {
			if (this.entries.isEmpty()) {
				Files.deleteIfExists(file);
				return;
			}
			Properties properties = new Properties();
			properties.setProperty("tmpdir", this.tmpdir.toString());
			for (int i = 0; i < this.entries.size(); i++) {
				Entry entry = this.entries.get(i);
				properties.setProperty("entry." + i + ".path", entry.path().toString());
				properties.setProperty("entry." + i + ".glob", entry.glob());
				properties.setProperty("entry." + i + ".identity", entry.identity());
			}
			StringWriter content = new StringWriter();
			properties.store(content, "tempguard: what application contexts of this run left in java.io.tmpdir,"
					+ " deleted once they closed or by the sweep of this run directory");
			Path temporary = runDirectory.resolve("." + FILE + ".tmp");
			Files.writeString(temporary, content.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("tempguard could not record the framework leftovers of its run in " + file,
					ex);
		}
	}

	/**
	 * Deletes each entry that is still the one recorded (see {@link Entry#verify}); those
	 * that are gone, or are no longer the one recorded, are forgotten.
	 * @param engine the deletion engine
	 * @return what became of each entry, in order
	 */
	public List<Outcome> delete(DeletionEngine engine) {
		List<Outcome> outcomes = new ArrayList<>();
		for (Entry entry : this.entries) {
			String refusal = entry.verify(this.tmpdir);
			if (refusal != null) {
				outcomes.add(new Outcome(entry, CleanupResult.empty(), refusal));
				continue;
			}
			CleanupResult result;
			try {
				result = engine.delete(entry.path());
			}
			catch (IllegalArgumentException ex) {
				outcomes.add(new Outcome(entry, CleanupResult.empty(), ex.getMessage()));
				continue;
			}
			outcomes.add(new Outcome(entry, result, null));
		}
		return outcomes;
	}

	/**
	 * What deleting an entry did.
	 *
	 * @param entry the entry
	 * @param result what was deleted and what could not be
	 * @param skipped why it was left alone (gone, replaced, outside {@code tmpdir}), or
	 * {@code null} when it was deleted
	 */
	public record Outcome(Entry entry, CleanupResult result, @Nullable String skipped) {

		/** Whether it still needs deleting: its deletion failed. */
		public boolean failed() {
			return this.skipped == null && !this.result.successful();
		}

	}

	/**
	 * One recorded entry.
	 *
	 * @param path its absolute path, directly in {@code java.io.tmpdir}
	 * @param glob the glob of the catalogue its name matched
	 * @param identity the entry's identity on disk when it was recorded (see
	 * {@link #identityOf})
	 */
	public record Entry(Path path, String glob, String identity) {

		/**
		 * The entry {@code path} as it is now, to be recorded.
		 * @throws IOException when it cannot be read (it is gone, for instance)
		 */
		public static Entry of(Path path, String glob) throws IOException {
			return new Entry(path.toAbsolutePath().normalize(), glob, identityOf(path));
		}

		/**
		 * Why the entry must not be deleted, or {@code null} when it is still the entry
		 * recorded: there, directly in {@code tmpdir} (through no link), matching its
		 * glob, with the same identity.
		 */
		public @Nullable String verify(Path tmpdir) {
			Path parent = this.path.getParent();
			Path name = this.path.getFileName();
			if (parent == null || name == null || !this.path.equals(this.path.normalize())) {
				return "not an entry of java.io.tmpdir";
			}
			try {
				if (!parent.toRealPath().equals(tmpdir.toRealPath())) {
					return "outside java.io.tmpdir " + tmpdir;
				}
				if (!FileSystems.getDefault().getPathMatcher("glob:" + this.glob).matches(name)) {
					return "its name no longer matches " + this.glob;
				}
				if (!Objects.equals(identityOf(this.path), this.identity)) {
					return "replaced by another entry of the same name since it was recorded";
				}
				String owner = UserName.otherOwner(this.path);
				if (owner != null) {
					return "owned by " + owner + ", not by this user";
				}
				return null;
			}
			catch (NoSuchFileException ex) {
				return "gone";
			}
			catch (IOException | RuntimeException ex) {
				return "cannot be read: " + ex;
			}
		}

		/**
		 * The file key of {@code path} (its inode on Unix), or its creation time where
		 * the file system has no file key (Windows).
		 */
		static String identityOf(Path path) throws IOException {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			Object key = attributes.fileKey();
			return (key != null) ? "key:" + key : "created:" + attributes.creationTime().toMillis();
		}

	}

}
