package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import dev.tempguard.CleanupResult;
import dev.tempguard.CleanupResult.CleanupFailure;
import org.jspecify.annotations.Nullable;

/**
 * Deletes files, symbolic links and directory trees safely. Everything in tempguard that
 * deletes goes through this class.
 * <ul>
 * <li>Dangerous paths (see {@link PathGuard}) are refused before anything is
 * touched.</li>
 * <li>Symbolic links are never followed: a link is deleted as a link and its target is
 * left alone.</li>
 * <li>Before descending into a directory its real path must lie inside the real path of
 * the tree being deleted, and it must be on the same file system, so a directory swapped
 * for a link by a race or a mount point is never emptied. Where the file system allows it
 * (Linux, macOS), a directory is then held open and its entries are deleted by name
 * relative to it, and its subdirectories opened without following links: a directory
 * swapped for a link while its entries are deleted cannot redirect a deletion out of the
 * tree.</li>
 * <li>Children are deleted before their parents. Paths that are already gone are not
 * failures. Missing owner permissions are given back, and transient failures are retried
 * a few times with a short backoff.</li>
 * <li>I/O problems never throw: each is reported as a {@link CleanupFailure} and deleting
 * carries on with everything else.</li>
 * </ul>
 * Instances are thread-safe.
 */
public final class DeletionEngine {

	private static final int DEFAULT_MAX_ATTEMPTS = 5;

	private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(10);

	private final PathGuard guard;

	private final FileOperations ops;

	private final int maxAttempts;

	private final long initialBackoffNanos;

	private final Sleeper sleeper;

	/**
	 * Total time one {@link #delete} may spend sleeping between retries, so many stuck
	 * files cannot stall it.
	 */
	private final long sleepBudgetNanos;

	/**
	 * Creates an engine using the real file system, trying each operation up to 5 times
	 * with a backoff starting at 10ms and doubling.
	 * @param guard the guard that refuses dangerous paths
	 */
	public DeletionEngine(PathGuard guard) {
		this(guard, FileOperations.standard(), DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF);
	}

	DeletionEngine(PathGuard guard, FileOperations ops, int maxAttempts, Duration initialBackoff) {
		this(guard, ops, maxAttempts, initialBackoff, Sleeper.THREAD);
	}

	DeletionEngine(PathGuard guard, FileOperations ops, int maxAttempts, Duration initialBackoff, Sleeper sleeper) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
		}
		this.guard = Objects.requireNonNull(guard, "guard");
		this.ops = Objects.requireNonNull(ops, "ops");
		this.maxAttempts = maxAttempts;
		this.initialBackoffNanos = initialBackoff.toNanos();
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		// Enough for a few paths to go through every retry; 640ms with the defaults
		this.sleepBudgetNanos = 4 * this.initialBackoffNanos * (1L << Math.min(maxAttempts - 1, 20));
	}

	/**
	 * Deletes {@code path}: a file, a symbolic link (never its target) or a directory and
	 * everything in it. A path that does not exist is not a failure.
	 * @param path the path to delete
	 * @return what was deleted, children before parents, and every path that could not be
	 * deleted with its cause
	 * @throws IllegalArgumentException if {@code path} is dangerous; nothing is touched
	 * then
	 */
	public CleanupResult delete(Path path) {
		this.guard.check(path, "delete");
		Run run = new Run(path.toAbsolutePath());
		run.deleteTree();
		if (run.deleted.isEmpty() && run.failures.isEmpty()) {
			return CleanupResult.empty();
		}
		return new CleanupResult(run.deleted, List.of(), run.failures);
	}

	private enum Outcome {

		DELETED, GONE, NOT_EMPTY, FAILED

	}

	/** A directory being emptied. */
	private static final class Frame {

		final Path directory;

		// the directory held open, its entries deleted by name; null: by path
		@Nullable SecureDirectoryStream<Path> stream;

		// the frame of the directory holding this one, null for the top
		final @Nullable Frame parent;

		Iterator<Path> children;

		boolean childFailed;

		/**
		 * How many times the directory was listed, bounded because new entries may keep
		 * appearing.
		 */
		int listings = 1;

		Frame(Path directory, @Nullable Frame parent, @Nullable SecureDirectoryStream<Path> stream,
				List<Path> children) {
			this.directory = directory;
			this.parent = parent;
			this.stream = stream;
			this.children = children.iterator();
		}

		void close() {
			SecureDirectoryStream<Path> open = this.stream;
			this.stream = null;
			if (open != null) {
				closeQuietly(open);
			}
		}

	}

	/** The state of one {@link #delete} call. */
	private final class Run {

		final Path top;

		final List<Path> deleted = new ArrayList<>();

		final List<CleanupFailure> failures = new ArrayList<>();

		/** Real path of {@code top}, set when it turns out to be a directory. */
		@Nullable Path realTop;

		@Nullable Object topFileSystem;

		long sleptNanos;

		Run(Path top) {
			this.top = top;
		}

		void deleteTree() {
			if (deleteEntry(this.top, null) != Outcome.NOT_EMPTY) {
				return;
			}
			Deque<Frame> stack = new ArrayDeque<>();
			try {
				Frame topFrame = enter(this.top, null);
				if (topFrame != null) {
					stack.push(topFrame);
				}
				// Iterative rather than recursive so that arbitrarily deep trees cannot
				// overflow the stack
				while (!stack.isEmpty()) {
					Frame frame = stack.peek();
					if (frame.children.hasNext()) {
						Path child = frame.children.next();
						int failuresBefore = this.failures.size();
						if (deleteEntry(child, frame) == Outcome.NOT_EMPTY) {
							Frame childFrame = enter(child, frame);
							if (childFrame != null) {
								stack.push(childFrame);
							}
						}
						frame.childFailed |= this.failures.size() > failuresBefore;
						continue;
					}
					int failuresBefore = this.failures.size();
					if (!finish(frame)) {
						continue;
					}
					stack.pop().close();
					if (this.failures.size() > failuresBefore && !stack.isEmpty()) {
						stack.peek().childFailed = true;
					}
				}
			}
			finally {
				stack.forEach(Frame::close);
			}
		}

		/**
		 * Deletes a directory whose entries were all handled.
		 * @return {@code false} if new entries appeared and were queued, keeping the
		 * frame on the stack
		 */
		boolean finish(Frame frame) {
			Path directory = frame.directory;
			// the directory goes after its entries, and its descriptor before it
			frame.close();
			if (frame.childFailed) {
				// Some entry is known to remain: one try, so the directory is reported
				// with the real error
				deleteOnce(directory, frame.parent);
				return true;
			}
			if (deleteEntry(directory, frame.parent) != Outcome.NOT_EMPTY) {
				return true;
			}
			// Entries were added while we were deleting: list again, a bounded number of
			// times
			if (frame.listings < DeletionEngine.this.maxAttempts && sleep(frame.listings)) {
				frame.listings++;
				Frame again = enter(directory, frame.parent);
				if (again == null) {
					return true;
				}
				frame.children = again.children;
				frame.stream = again.stream;
				return false;
			}
			deleteOnce(directory, frame.parent);
			return true;
		}

		/**
		 * Deletes one entry, giving permissions back and retrying transient failures.
		 * @param in the frame of the directory holding it, {@code null} for the top
		 */
		Outcome deleteEntry(Path path, @Nullable Frame in) {
			boolean accessGranted = false;
			for (int attempt = 1;; attempt++) {
				try {
					remove(path, in);
					this.deleted.add(path);
					return Outcome.DELETED;
				}
				catch (NoSuchFileException ex) {
					return Outcome.GONE;
				}
				catch (DirectoryNotEmptyException ex) {
					return Outcome.NOT_EMPTY;
				}
				catch (AccessDeniedException ex) {
					if (!accessGranted && attempt < DeletionEngine.this.maxAttempts) {
						accessGranted = true;
						// Deleting needs write and execute permission on the parent;
						// outside the tree is not ours
						if (!path.equals(this.top)) {
							grantOwnerAccess(parentOf(path));
						}
						grantOwnerAccess(path);
						continue;
					}
					if (!retry(path, attempt, ex)) {
						return Outcome.FAILED;
					}
				}
				catch (IOException ex) {
					if (!retry(path, attempt, ex)) {
						return Outcome.FAILED;
					}
				}
				catch (RuntimeException ex) {
					fail(path, ex);
					return Outcome.FAILED;
				}
			}
		}

		/**
		 * Deletes one entry without retrying; a directory that is not empty is a failure.
		 */
		void deleteOnce(Path path, @Nullable Frame in) {
			try {
				remove(path, in);
				this.deleted.add(path);
			}
			catch (NoSuchFileException ex) {
				// Gone is what we wanted
			}
			catch (IOException | RuntimeException ex) {
				fail(path, ex);
			}
		}

		// by name in the open directory holding it where there is one, else by path
		private void remove(Path path, @Nullable Frame in) throws IOException {
			SecureDirectoryStream<Path> stream = (in != null) ? in.stream : null;
			Path name = path.getFileName();
			if (stream == null || name == null) {
				DeletionEngine.this.ops.delete(path);
				return;
			}
			try {
				stream.deleteFile(name);
			}
			catch (AccessDeniedException | NoSuchFileException ex) {
				throw ex;
			}
			catch (FileSystemException ex) {
				// a directory (EISDIR, EPERM on BSD): as one, else the first failure
				try {
					stream.deleteDirectory(name);
				}
				catch (DirectoryNotEmptyException | NoSuchFileException directoryEx) {
					throw directoryEx;
				}
				catch (IOException directoryEx) {
					ex.addSuppressed(directoryEx);
					throw ex;
				}
			}
		}

		/**
		 * Checks that {@code directory} may be descended into, opens it (by name in its
		 * parent's open directory, never through a link) and lists it.
		 * @param parent the frame of the directory holding it, {@code null} for the top
		 * @return the frame, or {@code null} if it is gone or could not be entered (then
		 * a failure is recorded)
		 */
		@Nullable Frame enter(Path directory, @Nullable Frame parent) {
			Path real;
			Object fileSystem;
			try {
				real = DeletionEngine.this.ops.toRealPath(directory);
				fileSystem = DeletionEngine.this.ops.fileSystemId(directory);
				if (this.realTop == null) {
					this.realTop = realTop();
					this.topFileSystem = fileSystem;
				}
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException | RuntimeException ex) {
				fail(directory, ex);
				return null;
			}
			if (!real.startsWith(this.realTop)) {
				fail(directory,
						new FileSystemException(directory.toString(), real.toString(),
								"Not deleting the contents of this directory: its real path lies outside "
										+ this.realTop + ", the real path of " + this.top));
				return null;
			}
			if (fileSystem != null && !fileSystem.equals(this.topFileSystem)) {
				fail(directory, new FileSystemException(directory.toString(), this.top.toString(),
						"Not deleting the contents of this directory: it is a mount point of another file system"));
				return null;
			}
			SecureDirectoryStream<Path> stream;
			try {
				try {
					stream = open(directory, parent);
				}
				catch (AccessDeniedException ex) {
					// Opening needs read and execute permission on the directory itself
					grantOwnerAccess(directory);
					stream = open(directory, parent);
				}
			}
			catch (NoSuchFileException ex) {
				return null;
			}
			catch (IOException | RuntimeException ex) {
				fail(directory, ex);
				return null;
			}
			if (stream == null) {
				return list(directory, parent);
			}
			List<Path> children = new ArrayList<>();
			try {
				for (Path child : stream) {
					children.add(child);
				}
			}
			catch (RuntimeException ex) {
				closeQuietly(stream);
				Throwable cause = (ex instanceof DirectoryIteratorException iterating) ? iterating.getCause() : null;
				fail(directory, (cause != null) ? cause : ex);
				return null;
			}
			return new Frame(directory, parent, stream, children);
		}

		// the directory held open: the top by path once checked, any other by name in its
		// parent's, not following a link; null where that cannot be, or too many are
		// open (a very deep tree): then by path, as checked above
		private @Nullable SecureDirectoryStream<Path> open(Path directory, @Nullable Frame parent) throws IOException {
			SecureDirectoryStream<Path> parentStream = (parent != null) ? parent.stream : null;
			Path name = directory.getFileName();
			try {
				if (parent == null) {
					return openTop(directory);
				}
				if (parentStream == null || name == null) {
					return null;
				}
				return parentStream.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
			}
			catch (FileSystemException ex) {
				if (ex.getReason() != null && ex.getReason().contains("Too many open files")) {
					return null;
				}
				if (ex instanceof NoSuchFileException || ex instanceof AccessDeniedException) {
					throw ex;
				}
				throw new FileSystemException(directory.toString(), null,
						"Not deleting the contents of this directory: it could not be opened as one without following"
								+ " a link, it may have been replaced by a link while being deleted (" + ex.getReason()
								+ ")");
			}
		}

		// the top, opened by path: the same directory as the one its path names now, not
		// a
		// link
		private @Nullable SecureDirectoryStream<Path> openTop(Path directory) throws IOException {
			SecureDirectoryStream<Path> stream = DeletionEngine.this.ops.openSecure(directory);
			if (stream == null) {
				return null;
			}
			try {
				Object opened = stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
				BasicFileAttributes named = Files.readAttributes(directory, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				if (!named.isDirectory() || opened == null || !opened.equals(named.fileKey())) {
					throw new FileSystemException(directory.toString(), null,
							"Not deleting the contents of this directory: it was replaced while being opened");
				}
				return stream;
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(stream);
				throw ex;
			}
		}

		private Path realTop() throws IOException {
			Path parent = this.top.getParent();
			Path name = this.top.getFileName();
			if (parent == null || name == null) {
				return DeletionEngine.this.ops.toRealPath(this.top);
			}
			// The parent's real path and the name, as for the guard: top itself must not
			// be a link
			return DeletionEngine.this.ops.toRealPath(parent).resolve(name.toString()).normalize();
		}

		private @Nullable Frame list(Path directory, @Nullable Frame parent) {
			boolean accessGranted = false;
			for (int attempt = 1;; attempt++) {
				try {
					return new Frame(directory, parent, null, DeletionEngine.this.ops.list(directory));
				}
				catch (NoSuchFileException ex) {
					return null;
				}
				catch (AccessDeniedException ex) {
					if (!accessGranted && attempt < DeletionEngine.this.maxAttempts) {
						accessGranted = true;
						// Listing needs read and execute permission on the directory
						// itself
						grantOwnerAccess(directory);
						continue;
					}
					if (!retry(directory, attempt, ex)) {
						return null;
					}
				}
				catch (IOException ex) {
					if (!retry(directory, attempt, ex)) {
						return null;
					}
				}
				catch (RuntimeException ex) {
					fail(directory, ex);
					return null;
				}
			}
		}

		private void grantOwnerAccess(Path path) {
			try {
				DeletionEngine.this.ops.grantOwnerAccess(path);
			}
			catch (IOException | RuntimeException ex) {
				// The retry that follows reports the failure that matters
			}
		}

		/**
		 * Sleeps before another attempt, or records the failure when attempts or the
		 * sleep budget ran out.
		 */
		private boolean retry(Path path, int attempt, Exception ex) {
			if (attempt < DeletionEngine.this.maxAttempts && sleep(attempt)) {
				return true;
			}
			fail(path, ex);
			return false;
		}

		private boolean sleep(int attempt) {
			long nanos = DeletionEngine.this.initialBackoffNanos << Math.min(attempt - 1, 20);
			if (this.sleptNanos + nanos > DeletionEngine.this.sleepBudgetNanos) {
				return false;
			}
			this.sleptNanos += nanos;
			try {
				DeletionEngine.this.sleeper.sleep(nanos);
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		private void fail(Path path, Throwable cause) {
			this.failures.add(new CleanupFailure(path, cause));
		}

	}

	/** Waits between attempts; tests count the waits instead of timing them. */
	@FunctionalInterface
	interface Sleeper {

		Sleeper THREAD = (nanos) -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));

		void sleep(long nanos) throws InterruptedException;

	}

	private static void closeQuietly(SecureDirectoryStream<Path> stream) {
		try {
			stream.close();
		}
		catch (IOException ex) {
			// a descriptor that could not be closed is the JVM's to reclaim
		}
	}

	private static Path parentOf(Path path) {
		Path parent = path.getParent();
		return (parent != null) ? parent : path;
	}

}
