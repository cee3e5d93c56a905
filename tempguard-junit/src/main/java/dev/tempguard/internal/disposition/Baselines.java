package dev.tempguard.internal.disposition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tempguard.internal.report.ReportWriter;
import dev.tempguard.internal.settings.BaselineSettings;

/**
 * The baselines of this JVM's tests, each file read once: a file that cannot be read is
 * logged once as an error, and fails each test whose integration asks for it
 * ({@link #require}); the leaks checked against it count as new.
 */
final class Baselines {

	private static final Log logger = LogFactory.getLog(Baselines.class);

	private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();

	/**
	 * The baseline of {@code file}.
	 * @throws IllegalArgumentException naming the file, when it cannot be used
	 */
	Baseline require(Path file) {
		Loaded baseline = this.loaded.computeIfAbsent(file, Baselines::load);
		if (baseline.baseline() == null) {
			// a new one each time: a test framework adds to what it is given to throw
			throw new IllegalArgumentException(baseline.problem());
		}
		return baseline.baseline();
	}

	/**
	 * The baseline {@code settings} name, {@code null} for none or one that cannot be
	 * read.
	 */
	@Nullable Baseline find(BaselineSettings settings) {
		Path file = settings.file();
		return (file != null) ? this.loaded.computeIfAbsent(file, Baselines::load).baseline() : null;
	}

	/** Every baseline read. */
	List<Baseline> all() {
		return this.loaded.values().stream().map(Loaded::baseline).filter((baseline) -> baseline != null).toList();
	}

	private static Loaded load(Path file) {
		String problem;
		if (!ReportWriter.jacksonPresent()) {
			problem = BaselineFile.SETTING + "=" + file + " needs Jackson to be read: add"
					+ " tools.jackson.core:jackson-databind to the test class path, or remove the setting";
		}
		else {
			try {
				return new Loaded(new Baseline(file, BaselineFile.read(file)), "");
			}
			catch (IllegalArgumentException ex) {
				problem = String.valueOf(ex.getMessage());
			}
		}
		logger.error("tempguard cannot use its baseline, and counts every leak of the tests that name it as new: "
				+ problem);
		return new Loaded(null, problem);
	}

	private record Loaded(@Nullable Baseline baseline, String problem) {

	}

}
