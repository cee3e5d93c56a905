package dev.tempguard.internal.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tempguard.internal.support.UserName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TempGuardSettings}: the root-dir, its default and whether it was set,
 * and the framework leftovers' globs, as read from JUnit configuration parameters or
 * system properties.
 */
class TempGuardSettingsTests {

	@TempDir
	Path temp;

	@Test
	void theDefaultRootDirIsOnePerUserInTheTemporaryDirectory() {
		assertThat(TempGuardSettings.defaultRootDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
				"tempguard-" + UserName.forFileName(System.getProperty("user.name"))));
	}

	@Test
	void aRootDirNotSetIsTheDefaultAndKnownAsNotSet() {
		TempGuardSettings settings = TempGuardSettings.defaults();
		assertThat(settings.rootDir()).isEqualTo(TempGuardSettings.defaultRootDir().toAbsolutePath().normalize());
		assertThat(settings.rootDirSet()).isFalse();
	}

	@Test
	void aRootDirSetIsKnownAsSetEvenWhenItIsTheDefaultPath() {
		Path root = this.temp.resolve("root");
		TempGuardSettings settings = TempGuardSettings.from(Map.of("tempguard.root-dir", root.toString())::get);
		assertThat(settings.rootDir()).isEqualTo(root);
		assertThat(settings.rootDirSet()).isTrue();
		String defaultPath = TempGuardSettings.defaultRootDir().toString();
		assertThat(TempGuardSettings.from(Map.of("tempguard.root-dir", defaultPath)::get).rootDirSet()).isTrue();
	}

	@Test
	void anEmptyRootDirIsRefusedNamingTheDefault() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.root-dir", " ")::get))
			.withMessage("tempguard.root-dir must not be empty; remove it to use the default "
					+ "${java.io.tmpdir}/tempguard-<user>");
	}

	@Test
	void theBaselineIsReadAsAnAbsolutePathNotStrictByDefault() {
		assertThat(TempGuardSettings.defaults().policy().baseline()).isEqualTo(BaselineSettings.NONE);
		TempGuardSettings settings = TempGuardSettings.from(Map.of("tempguard.baseline", "src/test/baseline.json",
				"tempguard.baseline.strict", "true", "tempguard.fail-on-leak", "true")::get);
		assertThat(settings.policy().baseline())
			.isEqualTo(new BaselineSettings(Path.of("src/test/baseline.json").toAbsolutePath().normalize(), true));
		assertThat(settings.policy().reportOnly().baseline()).isEqualTo(settings.policy().baseline());
	}

	@Test
	void aStrictBaselineThatIsNotABooleanIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.baseline.strict", "yes")::get))
			.withMessage("tempguard.baseline.strict=yes is not a boolean; set it to true or false");
	}

	@Test
	void frameworkLeftoversAreAListOfGlobsEmptyByDefault() {
		assertThat(TempGuardSettings.defaults().leakDetection().frameworkLeftovers()).isEmpty();
		TempGuardSettings settings = TempGuardSettings
			.from(Map.of("tempguard.leak-detection.framework-leftovers", "startup-cache-*, embedded-db-?")::get);
		assertThat(settings.leakDetection().frameworkLeftovers()).containsExactly("startup-cache-*", "embedded-db-?");
	}

	@Test
	void aFrameworkLeftoverGlobReachingBeyondJavaIoTmpdirIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings
				.from(Map.of("tempguard.leak-detection.framework-leftovers", "/home/me/**")::get))
			.withMessage("tempguard.leak-detection.framework-leftovers=/home/me/** is not a glob of entry names in"
					+ " java.io.tmpdir; give one such as 'myapp-cache-*', without '/'");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TempGuardSettings.from(Map.of("tempguard.leak-detection.framework-leftovers", "cache-[")::get))
			.withMessageStartingWith("tempguard.leak-detection.framework-leftovers=cache-[ is not a valid glob");
	}

	@Test
	void aFrameworkLeftoverGlobMatchingAnyNameIsRefusedSayingWhatToGiveInstead() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.leak-detection.framework-leftovers", "*")::get))
			.withMessage("tempguard.leak-detection.framework-leftovers=* has 0 literal character(s), so it would make"
					+ " almost every name in java.io.tmpdir a framework leftover; give the fixed part of the names, at"
					+ " least 3 characters besides *, ? and [...], such as 'myapp-cache-*'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "**", "?", "*.*", "??-*", "[0-9]*[a-z]", "ab*", "*\\?" })
	void aFrameworkLeftoverGlobWithFewerThanThreeLiteralCharactersIsRefused(String glob) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TempGuardSettings.from(Map.of("tempguard.leak-detection.framework-leftovers", glob)::get))
			.withMessageStartingWith("tempguard.leak-detection.framework-leftovers=" + glob + " has ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc*", "my-*", "cache-[0-9]*", "{abc}*", "[0-9]*.db", "*\\*\\?\\[" })
	void aFrameworkLeftoverGlobWithThreeLiteralCharactersOrMoreIsAccepted(String glob) {
		TempGuardSettings settings = TempGuardSettings
			.from(Map.of("tempguard.leak-detection.framework-leftovers", glob)::get);

		assertThat(settings.leakDetection().frameworkLeftovers()).containsExactly(glob);
	}

	// a list in the settings is split at commas: a group's alternatives are given as a
	// list element of the Spring property, for instance
	@Test
	void aGroupOfAFrameworkLeftoverGlobCountsAsItsShortestAlternative() {
		assertThatIllegalArgumentException().isThrownBy(() -> frameworkLeftover("{abc,d}*"))
			.withMessageStartingWith(
					"tempguard.leak-detection.framework-leftovers={abc,d}* has 1 literal character(s)");
		assertThat(frameworkLeftover("{tomcat,jetty}-*").frameworkLeftovers()).containsExactly("{tomcat,jetty}-*");
	}

	private static LeakDetectionSettings frameworkLeftover(String glob) {
		return new LeakDetectionSettings(true, List.of(), List.of(), false, LeakDetectionSettings.Mode.AUTO,
				List.of(glob));
	}

}
