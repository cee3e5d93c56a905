package dev.tempguard.internal.settings;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * {@code tempguard.report.*}: where the report goes, whether it is written, whether the
 * console summary is printed, and the history of builds. A setting left unset is
 * {@code null}, so that settings from several places (the JUnit parameters, then each
 * Spring application context) can be laid over each other: what a later place sets wins,
 * what it leaves unset keeps the earlier value.
 *
 * @param dir {@code tempguard.report.dir}; unset means {@code target/tempguard}
 * ({@code build/tempguard} in a Gradle test worker)
 * @param enabled {@code tempguard.report.enabled}: whether {@code report.json} and
 * {@code index.html} are written; unset means yes
 * @param summary {@code tempguard.report.summary}: whether the summary is printed at the
 * end of the run; unset means yes
 * @param historyDir {@code tempguard.report.history-dir}; unset means no history
 * @param historySize {@code tempguard.report.history-size}, 2 or more; unset means
 * {@value ReportHistorySettings#DEFAULT_SIZE}
 */
public record ReportSettings(@Nullable Path dir, @Nullable Boolean enabled, @Nullable Boolean summary,
		@Nullable Path historyDir, @Nullable Integer historySize) {

	/** Nothing set. */
	public static final ReportSettings UNSET = new ReportSettings(null, null, null, null, null);

	public ReportSettings {
		if (historySize != null && historySize < 2) {
			throw new IllegalArgumentException(TempGuardSettings.PREFIX + "report.history-size=" + historySize
					+ " keeps no trend; set it to 2 or more (default " + ReportHistorySettings.DEFAULT_SIZE + ")");
		}
		dir = (dir != null) ? dir.toAbsolutePath().normalize() : null;
		historyDir = (historyDir != null) ? historyDir.toAbsolutePath().normalize() : null;
	}

	/** Whether the report files are written. */
	public boolean writes() {
		return this.enabled == null || this.enabled;
	}

	/** Whether the summary is printed. */
	public boolean prints() {
		return this.summary == null || this.summary;
	}

	/** The history of builds these settings ask for. */
	public ReportHistorySettings history() {
		return (this.historyDir != null)
				? new ReportHistorySettings(this.historyDir,
						(this.historySize != null) ? this.historySize : ReportHistorySettings.DEFAULT_SIZE)
				: ReportHistorySettings.NONE;
	}

	/** These settings with what {@code later} sets laid over them. */
	public ReportSettings overriddenBy(ReportSettings later) {
		return new ReportSettings(pick(later.dir, this.dir), pick(later.enabled, this.enabled),
				pick(later.summary, this.summary), pick(later.historyDir, this.historyDir),
				pick(later.historySize, this.historySize));
	}

	private static <T> @Nullable T pick(@Nullable T later, @Nullable T earlier) {
		return (later != null) ? later : earlier;
	}

	static ReportSettings read(TempGuardSettings.Reader reader) {
		return new ReportSettings(reader.path("report.dir"), reader.optionalBool("report.enabled"),
				reader.optionalBool("report.summary"), reader.path("report.history-dir"),
				reader.optionalInteger("report.history-size"));
	}

}
