package dev.tempguard.internal.leak;

import java.nio.file.Path;

/**
 * The directories JUnit Jupiter makes for {@code @TempDir} with its default factory:
 * {@code junit-} (JUnit 5.x before 5.10: {@code junit}) and the digits
 * {@code Files.createTempDirectory} adds. JUnit deletes them when it closes the test's
 * extension context, after tempguard checked the test, unless told to keep them
 * ({@code @TempDir(cleanup = NEVER)}, or {@code ON_SUCCESS} and a failed test).
 */
final class JUnitTempDirectories {

	private JUnitTempDirectories() {
	}

	static boolean matches(Path entry) {
		Path name = entry.getFileName();
		if (name == null) {
			return false;
		}
		String text = name.toString();
		int digits = text.startsWith("junit-") ? 6 : text.startsWith("junit") ? 5 : -1;
		if (digits < 0 || digits == text.length()) {
			return false;
		}
		for (int i = digits; i < text.length(); i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
