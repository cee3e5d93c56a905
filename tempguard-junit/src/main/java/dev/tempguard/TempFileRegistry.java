package dev.tempguard;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and registers temporary files and directories, each tracked in the context of
 * the test that is running (its method, its class, an enclosing {@code @Nested} class, or
 * the whole run) and deleted after that test, whether it passed or failed.
 * <p>
 * Inject it in a {@code @SpringBootTest} with {@code @Autowired}. Every returned path is
 * absolute. Files and directories created here are readable by their owner only. An I/O
 * failure throws {@link java.io.UncheckedIOException} naming the path.
 */
public interface TempFileRegistry {

	/**
	 * Creates a temporary file holding {@code content} in UTF-8.
	 * @param content the file's content
	 * @param extension {@code "txt"}, {@code ".txt"}, or {@code ""} for none
	 * @return the file's absolute path
	 */
	Path createFile(String content, String extension);

	/**
	 * Creates a temporary file holding {@code content}.
	 * @param content the file's bytes
	 * @param extension {@code "bin"}, {@code ".bin"}, or {@code ""} for none
	 * @return the file's absolute path
	 */
	Path createFile(byte[] content, String extension);

	/**
	 * Creates an empty temporary directory; it and everything put in it are deleted with
	 * the context.
	 */
	Path createDirectory();

	/** Creates an empty temporary directory with helpers to fill and read it. */
	TempDirectory createTestDirectory();

	/**
	 * Creates a temporary directory holding {@code files} (relative path to UTF-8
	 * content) and calls {@code callback} with it. The directory stays tracked in the
	 * current context.
	 * @return what the callback returned
	 * @throws RuntimeException what the callback threw; a checked exception is wrapped in
	 * a {@link TempDirectoryCallbackException} whose cause it is
	 */
	<T> T withTestDirectory(Map<String, String> files, TempDirectoryCallback<T> callback);

	/**
	 * Tracks a file created by other means (a regular file or a symbolic link; the link
	 * is deleted, never its target) in the current context. A path that does not exist
	 * yet may be registered.
	 * @return the absolute path
	 * @throws IllegalArgumentException for a directory (use {@link #registerDirectory})
	 * or a dangerous path
	 */
	Path register(Path file);

	/**
	 * Tracks a directory created by other means, and everything in it, in the current
	 * context.
	 * @return the absolute path
	 * @throws IllegalArgumentException for a regular file, a symbolic link, or a
	 * dangerous path (the filesystem root, {@code user.home}, {@code user.dir}, an
	 * ancestor of them, or tempguard's root-dir)
	 */
	Path registerDirectory(Path directory);

	/**
	 * The id of the test context that files created on this thread now belong to, for
	 * example {@code com.example.ReportTests#exportsCsv[1]}; empty outside any test,
	 * where files belong to the run and are deleted when the test run ends.
	 */
	Optional<String> currentContext();

	/**
	 * Deletes what is tracked in {@code context} now; the context stays open and may
	 * track more.
	 * @param context a context id, as given by {@link #currentContext()} or
	 * {@link #stats()}
	 * @return what was deleted and what could not be
	 */
	CleanupResult cleanupContext(String context);

	/**
	 * Deletes what is tracked now in the calling thread's context and in the contexts
	 * enclosing it (its class, enclosing classes, the run), but never in a context that
	 * another test running at the same time uses: a context is cleaned only if no other
	 * test runs in it or below it. The contexts stay open and may track more.
	 * <p>
	 * With tests running one at a time, every open context is cleaned. With tests running
	 * in parallel, the calling test's own context is cleaned, while the contexts of the
	 * other running tests, and the class and run contexts it shares with them, are left
	 * alone: they are cleaned after their tests, as usual. A thread bound to no test
	 * counts for the context {@link #currentContext()} names: the only running test, else
	 * the closest context that encloses every running test.
	 * @return what was deleted and what could not be
	 */
	CleanupResult cleanupAll();

	/** Counts of what is tracked now and of what happened since the JVM started. */
	TempStats stats();

}
