package dev.tempguard.internal.sweep;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.tempguard.internal.settings.MaxAge;
import dev.tempguard.internal.support.Durations;

/**
 * Sweeps a root-dir without running tests:
 *
 * <pre>
 * mvn -q -pl tempguard-spring-boot-autoconfigure exec:java -Dexec.args="--root /tmp/tempguard --max-age 24h --dry-run"
 * java -cp ... dev.tempguard.internal.sweep.SweepCommand --root /tmp/tempguard --max-age 0
 * </pre>
 *
 * Prints each entry of root-dir with its age, size and what was done, then the totals.
 * Exits with 0, with 1 if something could not be swept, with 2 for bad arguments.
 */
public final class SweepCommand {

	static final String USAGE = """
			Usage: SweepCommand [--root <dir>] [--max-age <duration>] [--dry-run]
			Deletes from tempguard's root-dir the orphans of test runs that no live test JVM holds
			(crashed, killed or finished runs) once they are older than max-age.
			  --root <dir>           tempguard.root-dir to sweep (default: ${java.io.tmpdir}/tempguard)
			  --max-age <duration>   delete orphans at least this old: 24h, 30m, 7d, 0 (every orphan),
			                         or ISO-8601 such as PT24H (default: 24h)
			  --dry-run              list what would be deleted, delete nothing
			Exit code: 0 done, 1 something could not be swept, 2 bad arguments.""";

	private SweepCommand() {
	}

	public static void main(String[] args) {
		int exitCode = run(args, System.out, System.err);
		if (exitCode != 0) {
			System.exit(exitCode);
		}
	}

	/**
	 * Runs the command.
	 * @param args the command-line arguments
	 * @param out where the report goes
	 * @param err where errors and the usage go
	 * @return the exit code
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Path root = Path.of(System.getProperty("java.io.tmpdir"), "tempguard");
		Duration maxAge = Duration.ofHours(24);
		boolean dryRun = false;
		try {
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				String option = arg;
				String value = null;
				int equals = arg.indexOf('=');
				if (arg.startsWith("--") && equals > 0) {
					option = arg.substring(0, equals);
					value = arg.substring(equals + 1);
				}
				switch (option) {
					case "--root" -> {
						if (value == null) {
							value = valueOf(args, ++i, option);
						}
						root = Path.of(value).toAbsolutePath().normalize();
					}
					case "--max-age" -> {
						if (value == null) {
							value = valueOf(args, ++i, option);
						}
						maxAge = parseDuration(value);
					}
					case "--dry-run" -> {
						if (value != null) {
							throw new IllegalArgumentException("--dry-run takes no value");
						}
						dryRun = true;
					}
					case "-h", "--help" -> {
						out.println(USAGE);
						return 0;
					}
					default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(USAGE);
			return 2;
		}
		return sweep(root, maxAge, dryRun, out, err);
	}

	private static int sweep(Path root, Duration maxAge, boolean dryRun, PrintStream out, PrintStream err) {
		SweepReport report;
		try {
			report = StandaloneSweep.sweep(root, maxAge, dryRun);
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			err.println("tempguard sweep refused: " + ex.getMessage());
			return 1;
		}
		StandaloneSweep.lines(report).forEach(out::println);
		return report.failures().isEmpty() ? 0 : 1;
	}

	private static String valueOf(String[] args, int index, String option) {
		if (index >= args.length || args[index].startsWith("--")) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	/**
	 * A duration such as {@code 24h}, {@code 30m}, {@code 0} or {@code PT24H}; zero or
	 * positive.
	 */
	static Duration parseDuration(String value) {
		try {
			return MaxAge.validate(Durations.parse(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--max-age: " + ex.getMessage(), ex);
		}
	}

}
