package dev.tempguard.actuate.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.scope.Scope;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.internal.runtime.TestRuntimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link TempGuardMetrics}, over a runtime of the test's own.
 */
class TempGuardMetricsTests {

	@TempDir
	Path temp;

	private TempGuardRuntime runtime;

	private DefaultTempFileRegistry registry;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void bind() {
		this.runtime = TestRuntimes.create();
		this.registry = this.runtime.registry(this.temp.resolve("root"));
		new TempGuardMetrics(this.runtime.view()).bindTo(this.meters);
	}

	@Test
	void everyMeterIsRegisteredWithItsTagsDescriptionAndBaseUnit() {
		assertThat(this.meters.getMeters()).extracting((meter) -> meter.getId().getName())
			.containsOnly("tempguard.files.created", "tempguard.files.deleted", "tempguard.files.leaked",
					"tempguard.cleanup.failures", "tempguard.files.tracked", "tempguard.cleanup");
		assertThat(this.meters.find("tempguard.files.created").tag("type", "file").functionCounter()).isNotNull();
		assertThat(this.meters.find("tempguard.files.created").tag("type", "directory").functionCounter()).isNotNull();
		assertThat(this.meters.find("tempguard.files.leaked").tag("reason", "undeletable").functionCounter())
			.isNotNull();
		assertThat(this.meters.find("tempguard.files.leaked").tag("reason", "untracked").functionCounter()).isNotNull();
		assertThat(this.meters.get("tempguard.files.tracked").gauge()).isNotNull();
		assertThat(this.meters.get("tempguard.cleanup").functionTimer()).isNotNull();
		assertThat(this.meters.getMeters()).hasSize(8).allSatisfy((meter) -> {
			assertThat(meter.getId().getDescription()).isNotBlank();
			if (meter.getId().getType() != Meter.Type.TIMER) {
				assertThat(meter.getId().getBaseUnit()).isEqualTo("files");
			}
		});
	}

	@Test
	void metersStartAtZero() {
		assertThat(created("file")).isZero();
		assertThat(created("directory")).isZero();
		assertThat(counter("tempguard.files.deleted").count()).isZero();
		assertThat(leaked("undeletable")).isZero();
		assertThat(leaked("untracked")).isZero();
		assertThat(counter("tempguard.cleanup.failures").count()).isZero();
		assertThat(tracked().value()).isZero();
		assertThat(cleanup().count()).isZero();
	}

	@Test
	void createdAndTrackedFollowWhatTheRegistryCreates() {
		this.registry.createFile("a", "txt");
		this.registry.createFile(new byte[] { 1 }, "bin");
		this.registry.createDirectory();

		assertThat(created("file")).isEqualTo(2);
		assertThat(created("directory")).isEqualTo(1);
		assertThat(tracked().value()).isEqualTo(3);
		assertThat(counter("tempguard.files.deleted").count()).isZero();
	}

	@Test
	void deletedTrackedAndTheCleanupTimerFollowACleanup() {
		// before the class opens: an unbound thread counts for the narrowest open context
		this.registry.createFile("in the run", "txt");
		Scope scope = this.runtime.scopes().openClass(TempGuardMetricsTests.class);
		Scopes.Binding previous = this.runtime.scopes().bind(scope, false);
		try {
			this.registry.createFile("a", "txt");
			this.registry.createDirectory();
		}
		finally {
			this.runtime.scopes().restore(previous);
		}
		assertThat(tracked().value()).isEqualTo(3);

		this.runtime.cleaner().clean(scope, false);

		assertThat(counter("tempguard.files.deleted").count()).isEqualTo(2);
		assertThat(tracked().value()).isEqualTo(1);
		assertThat(cleanup().count()).isEqualTo(1);
		// the timer converts through double: within one nanosecond of the counter
		assertThat(cleanup().totalTime(TimeUnit.NANOSECONDS))
			.isCloseTo(this.runtime.counters().cleanupNanos(), within(1.0))
			.isPositive();

		this.registry.cleanupAll();

		assertThat(counter("tempguard.files.deleted").count()).isEqualTo(3);
		assertThat(tracked().value()).isZero();
		assertThat(cleanup().count()).as("the run and the class context, cleaned again")
			.isEqualTo(this.runtime.counters().cleanings())
			.isEqualTo(3);
		assertThat(leaked("undeletable")).isZero();
		assertThat(counter("tempguard.cleanup.failures").count()).isZero();
	}

	@Test
	void leakedAndCleanupFailuresFollowUndeletableAndUntrackedLeaks() throws IOException {
		Path directory = this.registry.registerDirectory(Files.createDirectory(this.temp.resolve("protected-later")));
		// protected after it was tracked (as another context's root-dir would be): the
		// cleanup refuses it
		this.runtime.engines().protect(directory);

		this.registry.cleanupAll();

		assertThat(leaked("undeletable")).isEqualTo(1);
		assertThat(counter("tempguard.cleanup.failures").count()).isEqualTo(1);
		assertThat(counter("tempguard.files.deleted").count()).isZero();
		assertThat(leaked("untracked")).isZero();

		this.runtime.counters().untrackedLeaks(2);

		assertThat(leaked("untracked")).isEqualTo(2);
	}

	@Test
	void bindingToSeveralRegistriesCountsNothingTwice() {
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		new TempGuardMetrics(this.runtime.view()).bindTo(other);

		this.registry.createFile("a", "txt");

		assertThat(created("file")).isEqualTo(1);
		assertThat(other.get("tempguard.files.created").tag("type", "file").functionCounter().count()).isEqualTo(1);
	}

	private double created(String type) {
		return this.meters.get("tempguard.files.created").tag("type", type).functionCounter().count();
	}

	private double leaked(String reason) {
		return this.meters.get("tempguard.files.leaked").tag("reason", reason).functionCounter().count();
	}

	private FunctionCounter counter(String name) {
		return this.meters.get(name).functionCounter();
	}

	private Gauge tracked() {
		return this.meters.get("tempguard.files.tracked").gauge();
	}

	private FunctionTimer cleanup() {
		return this.meters.get("tempguard.cleanup").functionTimer();
	}

}
