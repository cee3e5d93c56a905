package dev.tempguard.internal.cleanup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.Leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether this JVM holds a path open, read from its file descriptors.
 */
class OpenFilesTests {

	@TempDir
	Path temp;

	@Test
	void aFileThisJvmHoldsOpenIsOpenAndOnceClosedItIsNot() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "reads /proc/self/fd, which Linux has");
		OpenFiles openFiles = new OpenFiles();
		Path file = this.temp.resolve("data.txt");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(1);
			assertThat(openFiles.state(file)).isEqualTo(Leak.OpenState.OPEN);
			assertThat(openFiles.state(this.temp)).as("its directory holds an open file")
				.isEqualTo(Leak.OpenState.OPEN);
		}
		assertThat(openFiles.state(file)).isEqualTo(Leak.OpenState.NOT_OPEN);
	}

	@Test
	void whereTheSystemHasNoDescriptorsToReadItIsUnknown() {
		assertThat(new OpenFiles(this.temp.resolve("no-proc")).state(this.temp)).isEqualTo(Leak.OpenState.UNKNOWN);
	}

	@Test
	void descriptorsAreTheirLinksTargets() throws IOException {
		Path descriptors = Files.createDirectory(this.temp.resolve("fd"));
		Path held = this.temp.resolve("held.txt");
		Files.createSymbolicLink(descriptors.resolve("7"), held);
		Files.createSymbolicLink(descriptors.resolve("8"), Path.of("/somewhere/else"));

		OpenFiles openFiles = new OpenFiles(descriptors);

		assertThat(openFiles.state(held)).isEqualTo(Leak.OpenState.OPEN);
		assertThat(openFiles.state(this.temp.resolve("other.txt"))).isEqualTo(Leak.OpenState.NOT_OPEN);
	}

}
