package dev.tempguard.internal.leak;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the names JUnit's default {@code @TempDir} factory makes are JUnit's temporary
 * directories; a user's file that starts the same way is not.
 */
class JUnitTempDirectoriesTests {

	@ParameterizedTest
	@CsvSource({ "junit-12345678901234567890, true", "junit1234567890, true", "junit-, false", "junit, false",
			"junit-export.csv, false", "junit-123.tmp, false", "junitreport, false", "my-junit-123, false" })
	void matchesOnlyTheNamesOfJUnitsDefaultFactory(String name, boolean matches) {
		assertThat(JUnitTempDirectories.matches(Path.of("/tmp").resolve(name))).isEqualTo(matches);
	}

}
