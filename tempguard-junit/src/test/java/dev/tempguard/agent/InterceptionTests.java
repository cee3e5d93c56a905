package dev.tempguard.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What tempguard's agent does to the JDK's calls in this JVM: nothing they do, return or
 * throw changes, and a failure of tempguard's own inside one is counted, never thrown to
 * the caller.
 */
class InterceptionTests {

	private Class<?> dispatcher;

	@BeforeEach
	void agentIsThere() throws ClassNotFoundException {
		Class<?> found = null;
		try {
			found = Class.forName(TempGuardAgent.DISPATCHER, false, null);
		}
		catch (ClassNotFoundException ex) {
			// not attached in this JVM
		}
		assumeTrue(found != null, "tempguard's agent is attached in this JVM (Java 17 to 20, or -javaagent)");
		this.dispatcher = found;
	}

	@Test
	void aFailureOfTempguardsOwnInsideAnInterceptedCallIsCountedAndNeverReachesTheCaller() throws Exception {
		Field listener = this.dispatcher.getField("listener");
		AtomicLong errors = (AtomicLong) this.dispatcher.getField("listenerErrors").get(null);
		Object original = listener.get(null);
		long before = errors.get();
		Consumer<Object[]> failing = (event) -> {
			throw new IllegalStateException("tempguard's own failure");
		};
		listener.set(null, failing);
		Path made;
		try {
			made = Files.createTempFile("intercepted-", ".tmp");
		}
		finally {
			listener.set(null, original);
		}
		assertThat(made).exists();
		assertThat(errors.get()).isEqualTo(before + 1);
		Files.delete(made);
	}

	@Test
	void aCallThatFailsFailsAsItWouldWithoutTheAgent(@org.junit.jupiter.api.io.TempDir Path temp) {
		Path missing = temp.resolve("missing");
		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> Files.createTempFile(missing, "x-", ".tmp"))
			.withMessageStartingWith(missing.toString());
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> File.createTempFile("xyz-", ".tmp", missing.toFile()))
			.withMessage("No such file or directory");
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> new FileOutputStream(missing.resolve("file").toFile()).close())
			.withMessageContaining("No such file or directory");
	}

	@Test
	void whatTheCallsReturnIsWhatTheJdkMade(@org.junit.jupiter.api.io.TempDir Path temp) throws IOException {
		Path file = Files.createTempFile(temp, "made-", ".txt");
		Path directory = Files.createTempDirectory(temp, "made-");

		assertThat(file).isRegularFile().hasParent(temp);
		assertThat(file.getFileName().toString()).startsWith("made-").endsWith(".txt");
		assertThat(directory).isDirectory().hasParent(temp);
	}

}
