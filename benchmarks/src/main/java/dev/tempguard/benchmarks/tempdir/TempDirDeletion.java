package dev.tempguard.benchmarks.tempdir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import dev.tempguard.benchmarks.Trees;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * JUnit Jupiter's own deletion of a {@code @TempDir}, timed. JUnit has no public API for
 * it (it is
 * {@code org.junit.jupiter.engine.extension.TempDirectory.CloseablePath#close}), so a
 * one-test class runs through the launcher: its test builds the tree inside its
 * {@code @TempDir} and notes the time as its body ends; JUnit then deletes the directory
 * (when it closes the test's extension context) and only then reports the test finished,
 * which is the end of the timed span. The span also holds JUnit's bookkeeping between the
 * two (microseconds, against seconds of deleting). The {@code @TempDir} is created in the
 * benchmark's scratch directory by a factory; its deletion is JUnit's, whatever the
 * factory.
 */
public final class TempDirDeletion {

	private static volatile Path parent;

	private static volatile int directories;

	private static volatile int filesPerDirectory;

	private static volatile Path created;

	private static final AtomicLong bodyEnd = new AtomicLong();

	private TempDirDeletion() {
	}

	/**
	 * Runs the one-test class with a tree of that shape under {@code parent}; returns
	 * JUnit's deletion nanos.
	 */
	public static long run(Path parent, int directories, int filesPerDirectory) {
		TempDirDeletion.parent = parent;
		TempDirDeletion.directories = directories;
		TempDirDeletion.filesPerDirectory = filesPerDirectory;
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(TreeInTempDirTests.class))
			// only JUnit: tempguard's launcher listener and Jupiter extension are on this
			// class path
			.configurationParameter("junit.platform.execution.listeners.deactivate", "dev.tempguard.*")
			.configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
			.configurationParameter("tempguard.enabled", "false")
			.build();
		AtomicLong finished = new AtomicLong();
		StringBuilder failures = new StringBuilder();
		LauncherFactory.create().execute(request, new TestExecutionListener() {

			@Override
			public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
				if (identifier.isTest()) {
					finished.set(System.nanoTime());
				}
				if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
					failures.append(identifier.getDisplayName())
						.append(": ")
						.append(result.getThrowable().map(Throwable::toString).orElse(""))
						.append('\n');
				}
			}

		});
		if (failures.length() > 0 || finished.get() == 0) {
			throw new IllegalStateException("the @TempDir run failed:\n" + failures);
		}
		if (Files.exists(created)) {
			throw new IllegalStateException("JUnit did not delete " + created);
		}
		return finished.get() - bodyEnd.get();
	}

	/**
	 * Creates the {@code @TempDir} in the benchmark's scratch directory, on the same file
	 * system as the others.
	 */
	public static final class ScratchFactory implements TempDirFactory {

		@Override
		public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext)
				throws IOException {
			return Files.createTempDirectory(parent, "junit-");
		}

	}

	static class TreeInTempDirTests {

		@Test
		void fillsItsTempDir(@TempDir(factory = ScratchFactory.class) Path dir) throws IOException {
			created = dir;
			Trees.create(dir, directories, filesPerDirectory);
			bodyEnd.set(System.nanoTime());
		}

	}

}
