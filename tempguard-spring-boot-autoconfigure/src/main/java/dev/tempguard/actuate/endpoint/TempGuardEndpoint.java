package dev.tempguard.actuate.endpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.tempguard.CreationSite;
import dev.tempguard.Leak;
import dev.tempguard.TempGuardView;
import dev.tempguard.TempStats;

/**
 * {@link Endpoint @Endpoint} exposing what tempguard tracks now, what it did since the
 * JVM started, and the most recent leaks; with a context id as selector, the paths that
 * context tracks.
 */
@Endpoint(id = "tempguard")
public class TempGuardEndpoint {

	private final TempGuardView view;

	/**
	 * @param view what tempguard tracks in this JVM and what it did
	 */
	public TempGuardEndpoint(TempGuardView view) {
		this.view = view;
	}

	@ReadOperation
	public TempGuardDescriptor tempGuard() {
		TempStats stats = this.view.stats();
		List<String> rootDirs = this.view.rootDirectories().stream().map(Path::toString).toList();
		List<LeakDescriptor> recentLeaks = this.view.recentLeaks().stream().map(LeakDescriptor::of).toList();
		TempGuardView.LeakDispositions dispositions = this.view.leakDispositions();
		return new TempGuardDescriptor(rootDirs, stats.contexts(), stats.totalFiles(),
				new TreeMap<>(stats.filesByContext()), stats.created(), stats.deleted(), stats.leaked(),
				stats.untrackedLeaks(), stats.kept(), stats.cleanupFailures(), dispositions.newLeaks(),
				dispositions.allowed(), dispositions.known(), dispositions.fixed(), recentLeaks);
	}

	@ReadOperation
	public @Nullable ContextDescriptor context(@Selector String context) {
		return this.view.context(context).map(ContextDescriptor::of).orElse(null);
	}

	/**
	 * What tempguard tracks now and what it did since the JVM started.
	 *
	 * @param rootDirs tempguard's root directories in use (one per
	 * {@code tempguard.root-dir} that application contexts of this JVM set), sorted
	 * @param contexts open test contexts, the run included
	 * @param totalFiles paths tracked now, in every context
	 * @param filesByContext paths tracked now, by context id
	 * @param created paths created or registered through the registry
	 * @param deleted tracked paths deleted by a cleanup, or found already gone
	 * @param leaked tracked paths that could not be deleted
	 * @param untrackedLeaks entries that tests left in watched directories without the
	 * registry
	 * @param kept tracked paths kept on purpose
	 * @param cleanupFailures paths that a cleanup could not delete
	 * @param newLeaks leaks of the contexts cleaned so far that are neither allowed nor
	 * known: those that fail with {@code tempguard.fail-on-leak=true}
	 * @param allowedLeaks leaks of the contexts cleaned so far that {@code @AllowLeaks}
	 * allows
	 * @param knownLeaks leaks of the contexts cleaned so far that the baseline knows
	 * @param fixedBaselineEntries baseline entries that no leak matched any more
	 * @param recentLeaks the most recent leaks, oldest first
	 */
	public record TempGuardDescriptor(List<String> rootDirs, int contexts, int totalFiles,
			Map<String, Integer> filesByContext, long created, long deleted, long leaked, long untrackedLeaks,
			long kept, long cleanupFailures, long newLeaks, long allowedLeaks, long knownLeaks,
			long fixedBaselineEntries, List<LeakDescriptor> recentLeaks) implements OperationResponseBody {

	}

	/**
	 * A path that a test left behind.
	 *
	 * @param context the id of the test context it is reported against ({@code run} for
	 * what no test can be failed for)
	 * @param path the absolute path
	 * @param reason {@code undeletable}, {@code untracked}, {@code late} (made by a
	 * thread of the test after the test ended) or {@code ambiguous} (made while several
	 * tests ran: one of the {@code candidates} made it)
	 * @param bytes its size; for a directory, the total of the files in it
	 * @param files 1 for a file; for a directory, how many files it holds
	 * @param cause for an undeletable path, why it could not be deleted: the exception's
	 * simple class name and message, for example
	 * {@code AccessDeniedException: /tmp/tempguard/run-1/locked.bin}
	 * @param site for an entry left without the registry, where it was made, or why that
	 * is unknown; {@code null} for a path the registry tracked
	 * @param candidates for an ambiguous one, the ids of the tests that were running when
	 * it appeared; else {@code null}
	 * @param openState for an undeletable path, whether this JVM still holds it open:
	 * {@code open}, {@code not-open} or {@code unknown}; else {@code null}
	 */
	public record LeakDescriptor(String context, String path, String reason, long bytes, long files,
			@Nullable String cause, @Nullable SiteDescriptor site, @Nullable List<String> candidates,
			@Nullable String openState) {

		static LeakDescriptor of(Leak leak) {
			Throwable cause = leak.cause();
			String message = (cause != null)
					? cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "")
					: null;
			CreationSite site = leak.site();
			boolean undeletable = leak.reason() == Leak.Reason.UNDELETABLE;
			return new LeakDescriptor(leak.context(), leak.path().toString(), lowerCase(leak.reason()), leak.bytes(),
					leak.files(), message, (site != null) ? SiteDescriptor.of(site, leak.testClass()) : null,
					(leak.reason() == Leak.Reason.AMBIGUOUS) ? leak.candidates() : null,
					undeletable ? lowerCase(leak.openState()) : null);
		}

		private static String lowerCase(Enum<?> value) {
			return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * Where an entry left without the registry was made, as the report's {@code site}
	 * says it.
	 *
	 * @param known whether the call stack is known (tempguard's agent saw it made)
	 * @param description one line for a person: {@code made at <frame>, called from
	 * <test frame> (thread <name>)}, or {@code creation site unknown: <why>}
	 * @param frames the frames a person reads first: where it was made (the first frame
	 * outside the JDK and the frameworks) and the test line that led there; empty when
	 * unknown
	 * @param thread the creating thread's name; {@code null} when unknown
	 * @param unknownBecause why the site is unknown; {@code null} when it is known
	 */
	public record SiteDescriptor(boolean known, String description, List<String> frames, @Nullable String thread,
			@Nullable String unknownBecause) {

		static SiteDescriptor of(CreationSite site, @Nullable String testClass) {
			return new SiteDescriptor(site.known(), site.describe(testClass),
					site.userFrames(testClass).stream().map(StackTraceElement::toString).toList(),
					site.thread().isEmpty() ? null : site.thread(), site.unknownBecause());
		}

	}

	/**
	 * One open test context and the paths it tracks now.
	 *
	 * @param id the context's id
	 * @param kind {@code run}, {@code class} or {@code method}
	 * @param tracked the paths it tracks, oldest first
	 */
	public record ContextDescriptor(String id, String kind,
			List<TrackedPathDescriptor> tracked) implements OperationResponseBody {

		static ContextDescriptor of(TempGuardView.Context context) {
			return new ContextDescriptor(context.id(), context.kind(),
					context.tracked().stream().map(TrackedPathDescriptor::of).toList());
		}

	}

	/**
	 * A path that a context tracks.
	 *
	 * @param path the absolute path
	 * @param directory whether it was created or registered as a directory
	 */
	public record TrackedPathDescriptor(String path, boolean directory) {

		static TrackedPathDescriptor of(TempGuardView.Tracked tracked) {
			return new TrackedPathDescriptor(tracked.path().toString(), tracked.directory());
		}

	}

}
