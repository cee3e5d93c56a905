package dev.tempguard.internal.sweep;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.rundir.RootDirectories;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.support.Formats;
import dev.tempguard.internal.sweep.SweepReport.Entry;

/**
 * A sweep of a root-dir without running tests, as the Maven plugin's
 * {@code tempguard:sweep} runs it: the same sweep as at a test JVM's start-up, and a
 * listing of every entry with its age, its size and what was done, then the totals.
 */
public final class StandaloneSweep {

	private StandaloneSweep() {
	}

	/**
	 * Sweeps the root-dir that a test run with {@code settings} of this user uses (see
	 * {@link RootDirectories#of}): the one set, else the default, or its fallback when
	 * another user owns the default; as the settings' max-age and dry run say.
	 * @param settings the settings
	 * @return what was found and done
	 * @throws IllegalArgumentException if the root-dir set is refused, or neither the
	 * default nor a fallback is fit, naming the setting
	 * @throws java.io.UncheckedIOException if the root-dir cannot be listed
	 */
	public static SweepReport sweep(TempGuardSettings settings) {
		return sweep(RootDirectories.of(settings), settings.sweep().maxAge(), settings.sweep().dryRun());
	}

	/**
	 * Sweeps {@code rootDir}; no run directory is this JVM's.
	 * @param rootDir the root-dir
	 * @param maxAge the age from which an orphan is deleted
	 * @param dryRun whether to list only
	 * @return what was found and done
	 * @throws IllegalArgumentException if the root-dir is refused (a dangerous path, a
	 * symbolic link, a file, another user's) or {@code maxAge} is negative, naming the
	 * setting
	 * @throws java.io.UncheckedIOException if the root-dir cannot be listed
	 */
	public static SweepReport sweep(Path rootDir, Duration maxAge, boolean dryRun) {
		Path root = RootDirectories.validate(rootDir);
		DeletionEngine engine = new DeletionEngine(PathGuard.defaults().with(root));
		return new OrphanSweeper(engine).sweep(root, maxAge, dryRun, Set.of());
	}

	/**
	 * The listing of {@code report}, line by line: what was swept, a table of the entries
	 * (age, size, path, action), then the totals.
	 */
	public static List<String> lines(SweepReport report) {
		List<String> lines = new ArrayList<>();
		String which = report.maxAge().isZero() ? "every orphan, whatever its age (tempguard.max-age=0)"
				: "orphans at least " + Formats.setting(report.maxAge()) + " old";
		lines.add("tempguard sweep of " + report.rootDir() + ": " + which
				+ (report.dryRun() ? " (dry run: nothing is deleted)" : ""));
		if (!Files.isDirectory(report.rootDir(), LinkOption.NOFOLLOW_LINKS)) {
			lines.add("it does not exist: nothing to sweep");
		}
		else if (report.entries().isEmpty()) {
			lines.add("nothing in it");
		}
		else {
			table(report.entries(), lines);
		}
		lines.add(report.totals());
		if (!report.foreign().isEmpty()) {
			lines.add("tempguard " + report.foreignNote());
		}
		return lines;
	}

	private static void table(List<Entry> entries, List<String> lines) {
		int ageWidth = 3;
		int sizeWidth = 4;
		int pathWidth = 4;
		for (Entry entry : entries) {
			ageWidth = Math.max(ageWidth, Formats.age(entry.age()).length());
			sizeWidth = Math.max(sizeWidth, entry.sizeText().length());
			pathWidth = Math.max(pathWidth, entry.path().toString().length());
		}
		String format = "%" + ageWidth + "s  %" + sizeWidth + "s  %-" + pathWidth + "s  %s";
		lines.add(String.format(Locale.ROOT, format, "age", "size", "path", "action").stripTrailing());
		for (Entry entry : entries) {
			lines.add(String.format(Locale.ROOT, format, Formats.age(entry.age()), entry.sizeText(), entry.path(),
					entry.actionText()));
		}
	}

}
