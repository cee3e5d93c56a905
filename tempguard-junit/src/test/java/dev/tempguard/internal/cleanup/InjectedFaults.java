package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Makes a runtime's deletion engine run a {@link Fault} before each of its file
 * operations, through {@link DeletionEngines}' package-private seam, for the tests of
 * every package and module. The engine tries each operation 3 times with a backoff that
 * does not really wait.
 */
public final class InjectedFaults {

	private InjectedFaults() {
	}

	/**
	 * Deletes through {@code engines} with {@code fault} run first, until the returned
	 * handle is closed.
	 */
	public static Injection inject(DeletionEngines engines, Fault fault) {
		FileOperations operations = new Faulty(fault);
		engines.factory((guard) -> new DeletionEngine(guard, operations, 3, Duration.ofMillis(1), (nanos) -> {
		}));
		return () -> engines.factory(DeletionEngine::new);
	}

	/**
	 * A fault run before each file operation of the engine ({@code delete}, {@code list},
	 * {@code toRealPath}, {@code fileSystemId}, {@code grantOwnerAccess}): throw to make
	 * it fail.
	 */
	@FunctionalInterface
	public interface Fault {

		void before(String operation, Path path) throws IOException;

	}

	/** Puts the standard engine back. */
	@FunctionalInterface
	public interface Injection extends AutoCloseable {

		@Override
		void close();

	}

	private static final class Faulty implements FileOperations {

		private final FileOperations standard = FileOperations.standard();

		private final Fault fault;

		Faulty(Fault fault) {
			this.fault = fault;
		}

		@Override
		public void delete(Path path) throws IOException {
			this.fault.before("delete", path);
			this.standard.delete(path);
		}

		@Override
		public List<Path> list(Path directory) throws IOException {
			this.fault.before("list", directory);
			return this.standard.list(directory);
		}

		@Override
		public Path toRealPath(Path path) throws IOException {
			this.fault.before("toRealPath", path);
			return this.standard.toRealPath(path);
		}

		@Override
		public @Nullable Object fileSystemId(Path path) throws IOException {
			this.fault.before("fileSystemId", path);
			return this.standard.fileSystemId(path);
		}

		@Override
		public void grantOwnerAccess(Path path) throws IOException {
			this.fault.before("grantOwnerAccess", path);
			this.standard.grantOwnerAccess(path);
		}

	}

}
