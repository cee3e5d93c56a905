package dev.tempguard.actuate.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.tempguard.TempGuardView;

/**
 * Binds tempguard's meters to a {@link MeterRegistry}.
 * <p>
 * What tempguard counts is JVM-wide: the tests of several cached application contexts
 * share it. So every meter reads tempguard's counts when it is published (function
 * counters, a function timer and a gauge), and binding it to the registries of several
 * contexts counts nothing twice.
 * <ul>
 * <li>{@code tempguard.files.created}, tag {@code type}: {@code file} or
 * {@code directory}</li>
 * <li>{@code tempguard.files.deleted}</li>
 * <li>{@code tempguard.files.leaked}, tag {@code reason}: {@code undeletable} (tracked,
 * could not be deleted) or {@code untracked} (left in a watched directory without the
 * registry)</li>
 * <li>{@code tempguard.cleanup.failures}</li>
 * <li>{@code tempguard.files.tracked}, a gauge</li>
 * <li>{@code tempguard.cleanup}, a timer of the cleanings of test contexts</li>
 * </ul>
 */
public class TempGuardMetrics implements MeterBinder {

	private static final String FILES = "files";

	private final TempGuardView view;

	/**
	 * @param view what tempguard tracks in this JVM and what it did
	 */
	public TempGuardMetrics(TempGuardView view) {
		this.view = view;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter("tempguard.files.created", TempGuardView::createdFiles)
			.description("Temporary paths created or registered through tempguard")
			.tag("type", "file")
			.register(registry);
		counter("tempguard.files.created", TempGuardView::createdDirectories)
			.description("Temporary paths created or registered through tempguard")
			.tag("type", "directory")
			.register(registry);
		counter("tempguard.files.deleted", TempGuardView::deleted)
			.description("Tracked temporary paths deleted by a cleanup, or found already gone")
			.register(registry);
		counter("tempguard.files.leaked", TempGuardView::leaked).description("Temporary paths that tests left behind")
			.tag("reason", "undeletable")
			.register(registry);
		counter("tempguard.files.leaked", TempGuardView::untrackedLeaks)
			.description("Temporary paths that tests left behind")
			.tag("reason", "untracked")
			.register(registry);
		counter("tempguard.cleanup.failures", TempGuardView::cleanupFailures)
			.description("Paths, tracked or inside a tracked directory, that a cleanup could not delete")
			.register(registry);
		Gauge.builder("tempguard.files.tracked", this.view, TempGuardView::trackedNow)
			.description("Temporary paths tracked now, in every open test context")
			.baseUnit(FILES)
			.register(registry);
		FunctionTimer
			.builder("tempguard.cleanup", this.view, TempGuardView::cleanings, TempGuardView::cleanupNanos,
					TimeUnit.NANOSECONDS)
			.description("Cleanings of test contexts (methods, classes, the run), and the time they took")
			.register(registry);
	}

	private FunctionCounter.Builder<TempGuardView> counter(String name, ToDoubleFunction<TempGuardView> count) {
		return FunctionCounter.builder(name, this.view, count).baseUnit(FILES);
	}

}
