package dev.tempguard.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import dev.tempguard.CleanupMode;
import dev.tempguard.CleanupResult;
import dev.tempguard.TempDirectory;
import dev.tempguard.TempDirectoryCallback;
import dev.tempguard.TempFileRegistry;
import dev.tempguard.TempStats;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.BaselineSettings;
import dev.tempguard.internal.settings.TempGuardSettings;
import dev.tempguard.internal.support.UserName;
import dev.tempguard.testing.OtherUser;
import dev.tempguard.testing.SystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TempGuardAutoConfiguration}.
 * <p>
 * Every context that creates tempguard's registry gets a root-dir of its own inside the
 * {@link TempDir}, so that nothing is created in, or protected at, the default
 * {@code ${java.io.tmpdir}/tempguard-<user>}. No test creates a file through the
 * registry: the auto-configured one belongs to the JVM-wide runtime.
 */
@ExtendWith(OutputCaptureExtension.class)
class TempGuardAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TempGuardAutoConfiguration.class));

	@TempDir
	Path temp;

	@Test
	void registryIsAutoConfiguredByDefault() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + rootDir).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(TempFileRegistry.class);
			assertThat(context).getBean(TempFileRegistry.class).isInstanceOf(DefaultTempFileRegistry.class);
			assertThat(context).hasSingleBean(TempGuardProperties.class);
		});
	}

	@Test
	void registryUsesTheConfiguredRootDirAndCreatesNothingAtStartupWithoutLeakDetection() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + rootDir, "tempguard.leak-detection.enabled=false")
			.run((context) -> {
				DefaultTempFileRegistry registry = context.getBean(DefaultTempFileRegistry.class);
				assertThat(registry.rootDir()).isEqualTo(rootDir);
				assertThat(rootDir).doesNotExist();
			});
	}

	@Test
	void startingTheContextWithLeakDetectionCreatesNothingInRootDir() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + rootDir)
			.run((context) -> assertThat(rootDir).doesNotExist());
	}

	@Test
	void theRunDirectoryIsLockedAndHoldsOnlyItsLockFileWhenFirstUsed() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + rootDir).run((context) -> {
			Path runDirectory = context.getBean(DefaultTempFileRegistry.class).runDirectory();
			assertThat(runDirectory.getParent()).isEqualTo(rootDir);
			assertThat(runDirectory.getFileName().toString()).startsWith("run-");
			try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(runDirectory)) {
				assertThat(entries.map((entry) -> entry.getFileName().toString())).containsExactly("tempguard.lock");
			}
		});
	}

	@Test
	void registryBacksOffWhenUserProvidedRegistryIsPresent() {
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(TempFileRegistry.class);
			assertThat(context).getBean(TempFileRegistry.class).isSameAs(context.getBean("userRegistry"));
			assertThat(context).doesNotHaveBean(DefaultTempFileRegistry.class);
		});
	}

	@Test
	void nothingIsConfiguredWhenTempGuardIsDisabled() {
		this.contextRunner
			.withPropertyValues("tempguard.enabled=false", "tempguard.root-dir=" + this.temp.resolve("root"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TempFileRegistry.class);
				assertThat(context).doesNotHaveBean(TempGuardProperties.class);
			});
	}

	@Test
	void whenTempGuardIsDisabledTheConditionReportNamesTheProperty() {
		this.contextRunner.withPropertyValues("tempguard.enabled=false").run((context) -> {
			ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
			assertThat(report.getConditionAndOutcomesBySource().get(TempGuardAutoConfiguration.class.getName()))
				.singleElement()
				.satisfies((outcome) -> {
					assertThat(outcome.getOutcome().isMatch()).isFalse();
					assertThat(outcome.getOutcome().getMessage())
						.contains("tempguard.enabled=false in the application context's settings");
				});
		});
	}

	@Test
	void frameworkLeftoversBindAsGlobsAndABadOneIsRefusedNamingTheProperty() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + rootDir, "tempguard.leak-detection.enabled=false",
					"tempguard.leak-detection.framework-leftovers=startup-cache-*,embedded-db-?")
			.run((context) -> assertThat(context.getBean(TempGuardSettings.class).leakDetection().frameworkLeftovers())
				.containsExactly("startup-cache-*", "embedded-db-?"));
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + rootDir, "tempguard.leak-detection.enabled=false",
					"tempguard.leak-detection.framework-leftovers=/home/**")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("tempguard.leak-detection.framework-leftovers=/home/** is not a glob of entry"
						+ " names in java.io.tmpdir"));
	}

	@Test
	void propertiesBind() {
		Path rootDir = this.temp.resolve("custom-root");
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + rootDir, "tempguard.max-age=30m", "tempguard.fail-on-leak=true",
					"tempguard.cleanup=on-success")
			.run((context) -> {
				TempGuardProperties properties = context.getBean(TempGuardProperties.class);
				assertThat(properties.isEnabled()).isTrue();
				assertThat(properties.rootDirectory()).isEqualTo(rootDir);
				assertThat(properties.getMaxAge()).isEqualTo(Duration.ofMinutes(30));
				assertThat(properties.getFailOnLeak()).isTrue();
				assertThat(properties.getCleanup()).isEqualTo(CleanupMode.ON_SUCCESS);
			});
	}

	@Test
	void theBaselineAndItsStrictnessBindToTheSettings() {
		Path baseline = this.temp.resolve("baseline.json");
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.baseline=" + baseline,
					"tempguard.baseline.strict=true")
			.run((context) -> assertThat(context.getBean(TempGuardSettings.class).policy().baseline())
				.isEqualTo(new BaselineSettings(baseline, true)));
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.baseline=" + baseline)
			.run((context) -> assertThat(context.getBean(TempGuardSettings.class).policy().baseline())
				.isEqualTo(new BaselineSettings(baseline, false)));
	}

	@Test
	void inYamlTheStrictnessIsWrittenWithItsDotsNextToTheBaseline() throws IOException {
		Path baseline = this.temp.resolve("baseline.json");
		String yaml = "tempguard:\n  root-dir: " + this.temp.resolve("root") + "\n  baseline: " + baseline
				+ "\n  baseline.strict: true\n";
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application-test.yml",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		this.contextRunner
			.withInitializer((context) -> sources.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.run((context) -> assertThat(context.getBean(TempGuardSettings.class).policy().baseline())
				.isEqualTo(new BaselineSettings(baseline, true)));
	}

	@Test
	void aStrictBaselineThatIsNotABooleanFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.baseline.strict=maybe")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("tempguard.baseline.strict")
				.hasStackTraceContaining("maybe"));
	}

	@Test
	void cleanupNeverAndMaxAgeZeroBind() {
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.max-age=0",
					"tempguard.cleanup=never")
			.run((context) -> {
				TempGuardProperties properties = context.getBean(TempGuardProperties.class);
				assertThat(properties.getMaxAge()).isZero();
				assertThat(properties.getCleanup()).isEqualTo(CleanupMode.NEVER);
			});
	}

	@Test
	void propertiesHaveDefaults() {
		// a registry of the user's own, so that nothing is done with the default root-dir
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class).run((context) -> {
			TempGuardProperties properties = context.getBean(TempGuardProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.rootDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"),
					"tempguard-" + UserName.forFileName(System.getProperty("user.name"))));
			assertThat(properties.toSettings().rootDirSet()).isFalse();
			assertThat(properties.getMaxAge()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.getFailOnLeak()).as("unset: the run's value applies").isNull();
			assertThat(properties.getCleanup()).as("unset: the run's value applies").isNull();
		});
	}

	@Test
	void aRootDirSetIsKnownAsSetToTheSettings() {
		Path rootDir = this.temp.resolve("root");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + rootDir).run((context) -> {
			TempGuardSettings settings = context.getBean(TempGuardSettings.class);
			assertThat(settings.rootDir()).isEqualTo(rootDir);
			assertThat(settings.rootDirSet()).isTrue();
		});
	}

	@Test
	void aDefaultRootDirOwnedByAnotherUserIsReplacedByItsFallbackWithOneWarningForEveryContext(CapturedOutput output)
			throws Exception {
		OtherUser.assumeRoot();
		// the default root-dir is read from java.io.tmpdir when the settings are made
		try (SystemProperty tmpdir = SystemProperty.set("java.io.tmpdir", this.temp.toString())) {
			Path theirs = OtherUser.owns(Files.createDirectory(TempGuardSettings.defaultRootDir()));
			Path fallback = theirs.resolveSibling(theirs.getFileName() + "-1");
			TempGuardRuntime runtime = TestRuntimes.create();
			ApplicationContextRunner runner = this.contextRunner.withBean(TempGuardRuntime.class, () -> runtime)
				.withPropertyValues("tempguard.leak-detection.enabled=false");
			for (String name : List.of("first", "second")) {
				runner.withPropertyValues("spring.application.name=" + name).run((context) -> {
					assertThat(context).hasNotFailed();
					DefaultTempFileRegistry registry = context.getBean(DefaultTempFileRegistry.class);
					assertThat(registry.rootDir()).isEqualTo(fallback);
				});
			}
			runtime.runDirectories().forEach(RunDirectory::close);
			assertThat(output.getAll().lines().filter((line) -> line.contains("WARN")))
				.singleElement(InstanceOfAssertFactories.STRING)
				.contains("tempguard's default root-dir " + theirs + " is owned by another user (nobody, not root);"
						+ " tempguard uses " + fallback + " instead");
		}
	}

	@Test
	void negativeMaxAgeFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.max-age=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().hasStackTraceContaining("tempguard.max-age");
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("tempguard.max-age must be zero or positive");
			});
	}

	@Test
	void unknownCleanupModeFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("tempguard.root-dir=" + this.temp.resolve("root"), "tempguard.cleanup=sometimes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure().hasStackTraceContaining("tempguard.cleanup");
			});
	}

	@Test
	void fileSystemRootAsRootDirFailsStartupNamingTheProperty() {
		Path root = this.temp.getRoot();
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + root).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("tempguard.root-dir=" + root);
		});
	}

	@Test
	void homeDirectoryAsRootDirFailsStartupNamingTheProperty() {
		Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + home).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("tempguard.root-dir=" + home);
		});
	}

	@Test
	void rootDirThatIsAFileFailsStartupNamingTheProperty() throws Exception {
		Path file = Files.writeString(this.temp.resolve("file"), "x");
		this.contextRunner.withPropertyValues("tempguard.root-dir=" + file).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("tempguard.root-dir=" + file);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		@Bean
		TempFileRegistry userRegistry() {
			return new UserRegistry();
		}

	}

	/**
	 * A registry of the user's own; the tests only check that it is the one in the
	 * context.
	 */
	static class UserRegistry implements TempFileRegistry {

		@Override
		public Path createFile(String content, String extension) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path createFile(byte[] content, String extension) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path createDirectory() {
			throw new UnsupportedOperationException();
		}

		@Override
		public TempDirectory createTestDirectory() {
			throw new UnsupportedOperationException();
		}

		@Override
		public <T> T withTestDirectory(Map<String, String> files, TempDirectoryCallback<T> callback) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path register(Path file) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Path registerDirectory(Path directory) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<String> currentContext() {
			return Optional.empty();
		}

		@Override
		public CleanupResult cleanupContext(String context) {
			return CleanupResult.empty();
		}

		@Override
		public CleanupResult cleanupAll() {
			return CleanupResult.empty();
		}

		@Override
		public TempStats stats() {
			return new TempStats(0, 0, Map.of(), 0, 0, 0, 0, 0, 0);
		}

	}

}
