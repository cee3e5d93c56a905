package dev.tempguard.internal.leak;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LeakFilter}'s built-in names: what JUnit, the JVM and tools really
 * make in {@code java.io.tmpdir} is ignored, a file a test makes with a look-alike name
 * is not.
 */
class LeakFilterTests {

	private static final Path TMPDIR = Path.of("/tmp");

	private final LeakFilter filter = new LeakFilter();

	@ParameterizedTest
	@ValueSource(strings = {
			// HotSpot attach sockets, Font.createFont copies
			".java_pid14470", ".attach_pid14470", "+~JF8141936305135457716.tmp",
			// Surefire 3.x (Windows boot directory and its TempFileManager's names), 2.x
			"surefire8297746125498711234", "surefire-20251201175900123_3tmp", "surefire_0-20251201175900123_2tmp",
			"surefirebooter-20251201175900123_1.jar", "surefireargs-20251201175900123_4", "surefire4483726108452786tmp",
			"surefire_13483726108452786tmp", "surefirebooter6016381785652212.jar",
			// JaCoCo, Byte Buddy and Mockito agents
			"jacocoagent4375126480926193434.jar", "byteBuddyAgent7309862157846130245.jar",
			"byteBuddyAttacher5516101233950373123.jar", "mockitoboot1598392358239829245.jar",
			"mockitoboot1598392358239829245jar",
			// JNA, jffi, Netty and jansi native libraries
			"jna8237487237482374.tmp", "jna8237487237482374.dll", "jna8237487237482374.dll.x", "jna--1319826738",
			"jna-1319826738", "jffi5391294587239421.so", "jffi5391294587239421.dylib", "jffi5391294587239421.tmp",
			"libnetty_transport_native_epoll_x86_642918836925146279186.so",
			"libnetty_tcnative_osx_aarch_64918836925146279186.jnilib", "jansi-2.4.3-3df30b0fed197b72-libjansi.so",
			"jansi-2.4.3-3df30b0fed197b72-libjansi.so.lck",
			"jansi-3.30.4-0e2b0a49-8a55-4b05-9b19-bbd0cb8c3a2d-jansi.dll" })
	void ignoresWhatToolsMake(String name) {
		assertThat(this.filter.ignores(TMPDIR.resolve(name))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "junit", "junit-export.csv", "junit-5914873092275530386", "junit12345678901234567",
			"junit5-report", "junit-123.csv", "hsperfdata_backup.tar", ".java_pid", ".java_pid123.bak",
			".attach_pid-notes", "+~JFR-draft.tmp", "+~JF123.txt", "surefire", "surefire-data.bin", "surefire-123.bin",
			"surefire_notes", "surefirebooter.jar", "surefireargs-old.txt", "jacoco-like.txt", "jacoco.exec",
			"jacocoagent.jar", "byteBuddyAgent-copy.jar", "mockitoboot-notes.txt", "mockitoboot123.zip",
			"jnaExport.txt", "jna.tmp", "jna-export", "jna123.txt", "jffi-notes.so", "jffi123.txt",
			"libnetty_export.so", "libnetty_build.log", "jansi-export.txt", "jansi-2.4.3-libjansi.txt",
			"jansi-notes-3df30b-libjansi.so" })
	void reportsLookAlikeFilesOfTests(String name) {
		assertThat(this.filter.ignores(TMPDIR.resolve(name))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "junit-5914873092275530386", "junit12345678901234567" })
	void knowsJUnitsTempDirectoriesWhichItChecksOnceJUnitHadItsChanceToDeleteThem(String name) {
		assertThat(ToolFileNames.junitTempDirectory(name)).isTrue();
		assertThat(this.filter.ignores(TMPDIR.resolve(name))).as("not ignored").isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "junit", "junit-", "junit-export.csv", "junit-123.csv", "junit5-report", "my-junit-123" })
	void knowsNoOtherNameForAJUnitTempDirectory(String name) {
		assertThat(ToolFileNames.junitTempDirectory(name)).isFalse();
	}

	@Test
	void ignoresThePerfDataDirectoryOfThisJvmsUserOnly() {
		String user = System.getProperty("user.name");
		assertThat(this.filter.ignores(TMPDIR.resolve("hsperfdata_" + user))).isTrue();
		assertThat(this.filter.ignores(TMPDIR.resolve("hsperfdata_" + user + ".bak"))).isFalse();
		assertThat(this.filter.ignores(TMPDIR.resolve("hsperfdata_"))).isFalse();
	}

}
