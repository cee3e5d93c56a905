package dev.tempguard.internal.scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TrackedPathTests {

	@TempDir
	Path dir;

	private final TrackedPaths paths = new TrackedPaths();

	@Test
	void pathsInOneDirectoryShareTheRealParentObject() throws IOException {
		TrackedPath first = this.paths.of(this.dir.resolve("a.tmp"), false);
		TrackedPath second = this.paths.of(this.dir.resolve("b.tmp"), false);
		assertThat(first.realParent()).isEqualTo(this.dir.toRealPath());
		assertThat(second.realParent()).isSameAs(first.realParent());
	}

	@Test
	void pathsInAnotherDirectoryHaveTheirOwnRealParent() throws IOException {
		Path other = Files.createDirectory(this.dir.resolve("other"));
		TrackedPath first = this.paths.of(this.dir.resolve("a.tmp"), false);
		TrackedPath second = this.paths.of(other.resolve("b.tmp"), true);
		assertThat(first.realParent()).isEqualTo(this.dir.toRealPath());
		assertThat(second.realParent()).isEqualTo(other.toRealPath());
		assertThat(this.paths.of(this.dir.resolve("c.tmp"), false).realParent()).isEqualTo(this.dir.toRealPath());
	}

	@Test
	void aTrackedPathIsEqualToAnotherOfTheSamePathAndGivesItsPathBack() {
		Path path = this.dir.resolve("a.tmp");
		TrackedPath tracked = this.paths.of(path, false);
		assertThat(tracked.path()).isEqualTo(path);
		assertThat(tracked).isEqualTo(this.paths.of(this.dir.resolve("a.tmp"), true))
			.hasSameHashCodeAs(TrackedPath.key(path))
			.isNotEqualTo(this.paths.of(this.dir.resolve("b.tmp"), false));
	}

	@Test
	void aDirectoryThatDoesNotExistHasNoRealParent() {
		assertThat(this.paths.of(this.dir.resolve("missing/a.tmp"), false).realParent()).isNull();
	}

}
