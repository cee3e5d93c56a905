package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
 * for a link by a race or a mount point is never emptied.</li>
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

		Iterator<Path> children;

		boolean childFailed;

		/**
		 * How many times the directory was listed, bounded because new entries may keep
		 * appearing.
		 */
		int listings = 1;

		Frame(Path directory, List<Path> children) {
			this.directory = directory;
			this.children = children.iterator();
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
			if (deleteEntry(this.top) != Outcome.NOT_EMPTY) {
				return;
			}
			Deque<Frame> stack = new ArrayDeque<>();
			Frame topFrame = enter(this.top);
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
					if (deleteEntry(child) == Outcome.NOT_EMPTY) {
						Frame childFrame = enter(child);
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
				stack.pop();
				if (this.failures.size() > failuresBefore && !stack.isEmpty()) {
					stack.peek().childFailed = true;
				}
			}
		}

		/**
		 * Deletes a directory whose entries were all handled.
		 * @return {@code false} if new entries appeared and were queued, keeping the
		 * frame on the stack
		 */
		boolean finish(Frame frame) {
			Path directory = frame.directory;
			if (frame.childFailed) {
				// Some entry is known to remain: one try, so the directory is reported
				// with the real error
				deleteOnce(directory);
				return true;
			}
			if (deleteEntry(directory) != Outcome.NOT_EMPTY) {
				return true;
			}
			// Entries were added while we were deleting: list again, a bounded number of
			// times
			if (frame.listings < DeletionEngine.this.maxAttempts && sleep(frame.listings)) {
				frame.listings++;
				Frame again = enter(directory);
				if (again == null) {
					return true;
				}
				frame.children = again.children;
				return false;
			}
			deleteOnce(directory);
			return true;
		}

		/** Deletes one entry, giving permissions back and retrying transient failures. */
		Outcome deleteEntry(Path path) {
			boolean accessGranted = false;
			for (int attempt = 1;; attempt++) {
				try {
					DeletionEngine.this.ops.delete(path);
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
		void deleteOnce(Path path) {
			try {
				DeletionEngine.this.ops.delete(path);
				this.deleted.add(path);
			}
			catch (NoSuchFileException ex) {
				// Gone is what we wanted
			}
			catch (IOException | RuntimeException ex) {
				fail(path, ex);
			}
		}

		/**
		 * Checks that {@code directory} may be descended into and lists it.
		 * @return the frame, or {@code null} if it is gone or could not be entered (then
		 * a failure is recorded)
		 */
		@Nullable Frame enter(Path directory) {
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
			return list(directory);
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

		private @Nullable Frame list(Path directory) {
			boolean accessGranted = false;
			for (int attempt = 1;; attempt++) {
				try {
					return new Frame(directory, DeletionEngine.this.ops.list(directory));
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

	private static Path parentOf(Path path) {
		Path parent = path.getParent();
		return (parent != null) ? parent : path;
	}

}
