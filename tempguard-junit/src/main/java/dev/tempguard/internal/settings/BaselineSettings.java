package dev.tempguard.internal.settings;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * {@code tempguard.baseline} and {@code tempguard.baseline.strict}: the file of known
 * leaks, which do not fail tests, and whether an entry no longer seen fails.
 *
 * @param file the baseline file, absolute; {@code null} for none
 * @param strict whether a test class fails when an entry of its tests is no longer seen,
 * so that the baseline can only shrink
 */
public record BaselineSettings(@Nullable Path file, boolean strict) {

	/** No baseline. */
	public static final BaselineSettings NONE = new BaselineSettings(null, false);

	public BaselineSettings {
		file = (file != null) ? file.toAbsolutePath().normalize() : null;
	}

	static BaselineSettings read(TempGuardSettings.Reader reader) {
		return new BaselineSettings(reader.path("baseline"), reader.bool("baseline.strict", false));
	}

}
