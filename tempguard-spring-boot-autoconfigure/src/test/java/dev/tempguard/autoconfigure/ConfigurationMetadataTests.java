package dev.tempguard.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what tempguard's jar publishes to Spring Boot, Spring's test framework and
 * the JUnit Platform: configuration metadata (generated at compile time), the
 * auto-configuration imports, and the factories. Each file is read from tempguard's own
 * classes location, not from other jars holding a file of that name.
 */
class ConfigurationMetadataTests {

	private static final List<String> PROPERTIES = List.of("tempguard.enabled", "tempguard.root-dir",
			"tempguard.max-age", "tempguard.fail-on-leak", "tempguard.cleanup", "tempguard.baseline",
			"tempguard.baseline.strict", "tempguard.leak-detection.enabled", "tempguard.leak-detection.watch-dirs",
			"tempguard.leak-detection.ignore", "tempguard.leak-detection.delete-untracked",
			"tempguard.leak-detection.mode", "tempguard.leak-detection.framework-leftovers", "tempguard.sweep.enabled",
			"tempguard.sweep.dry-run", "tempguard.report.dir", "tempguard.report.enabled", "tempguard.report.summary",
			"tempguard.report.history-dir", "tempguard.report.history-size");

	// unset means off
	private static final List<String> WITHOUT_DEFAULT = List.of("tempguard.report.history-dir", "tempguard.baseline");

	@Test
	void metadataDescribesEveryPropertyWithADefaultValue() throws IOException {
		Map<String, JsonNode> properties = metadataProperties();
		assertThat(properties).containsOnlyKeys(PROPERTIES);
		for (String name : PROPERTIES) {
			JsonNode property = properties.get(name);
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			if (WITHOUT_DEFAULT.contains(name)) {
				assertThat(property.has("defaultValue")).as("%s has no defaultValue", name).isFalse();
				continue;
			}
			assertThat(property.has("defaultValue")).as("%s has a defaultValue", name).isTrue();
			assertThat(property.get("defaultValue").isNull()).as("defaultValue of %s", name).isFalse();
			assertThat(property.path("sourceType").asString()).as("sourceType of %s", name)
				.startsWith(TempGuardProperties.class.getName());
		}
	}

	@Test
	void metadataDefaultValuesMatchTheDocumentedDefaults() throws IOException {
		Map<String, JsonNode> properties = metadataProperties();
		assertThat(properties.get("tempguard.enabled").get("defaultValue").booleanValue()).isTrue();
		assertThat(properties.get("tempguard.fail-on-leak").get("defaultValue").booleanValue()).isFalse();
		assertThat(properties.get("tempguard.root-dir").get("defaultValue").asString())
			.isEqualTo("${java.io.tmpdir}/tempguard-<user>");
		assertThat(properties.get("tempguard.max-age").get("defaultValue").asString()).isEqualTo("24h");
		assertThat(properties.get("tempguard.cleanup").get("defaultValue").asString()).isEqualTo("always");
		assertThat(properties.get("tempguard.leak-detection.watch-dirs").get("defaultValue").asString())
			.isEqualTo("${java.io.tmpdir}");
		assertThat(properties.get("tempguard.leak-detection.delete-untracked").get("defaultValue").booleanValue())
			.isFalse();
		assertThat(properties.get("tempguard.sweep.dry-run").get("defaultValue").booleanValue()).isFalse();
		assertThat(properties.get("tempguard.report.history-size").get("defaultValue").asInt()).isEqualTo(20);
		assertThat(properties.get("tempguard.baseline.strict").get("defaultValue").booleanValue()).isFalse();
	}

	@Test
	void metadataHasTypesForEveryProperty() throws IOException {
		Map<String, JsonNode> properties = metadataProperties();
		assertThat(properties.get("tempguard.enabled").path("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(properties.get("tempguard.root-dir").path("type").asString()).isEqualTo("java.lang.String");
		assertThat(properties.get("tempguard.max-age").path("type").asString()).isEqualTo("java.time.Duration");
		assertThat(properties.get("tempguard.fail-on-leak").path("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(properties.get("tempguard.cleanup").path("type").asString()).isEqualTo("dev.tempguard.CleanupMode");
		assertThat(properties.get("tempguard.baseline").path("type").asString()).isEqualTo("java.lang.String");
		assertThat(properties.get("tempguard.baseline.strict").path("type").asString()).isEqualTo("java.lang.Boolean");
	}

	@Test
	void metadataHintsListEveryCleanupModeWithADescription() throws IOException {
		JsonNode cleanupHint = null;
		for (JsonNode hint : metadata().path("hints")) {
			if ("tempguard.cleanup".equals(hint.path("name").asString())) {
				cleanupHint = hint;
			}
		}
		assertThat(cleanupHint).as("hint for tempguard.cleanup").isNotNull();
		Map<String, String> values = new LinkedHashMap<>();
		for (JsonNode value : cleanupHint.path("values")) {
			values.put(value.path("value").asString(), value.path("description").asString());
		}
		assertThat(values).containsOnlyKeys("always", "on-success", "never");
		assertThat(values.values()).allSatisfy((description) -> assertThat(description).isNotBlank());
	}

	@Test
	void autoConfigurationImportsListTempGuardAutoConfiguration() throws IOException {
		String imports = ownResource(
				"META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports");
		assertThat(imports.lines().map(String::strip).filter((line) -> !line.isEmpty() && !line.startsWith("#")))
			.containsExactly(TempGuardAutoConfiguration.class.getName(),
					dev.tempguard.autoconfigure.endpoint.TempGuardEndpointAutoConfiguration.class.getName(),
					dev.tempguard.autoconfigure.metrics.TempGuardMetricsAutoConfiguration.class.getName());
		assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
			.contains(TempGuardAutoConfiguration.class.getName());
	}

	@Test
	void springFactoriesRegisterTheTestExecutionListenerTheContextCustomizerFactoryAndTheFailureAnalyzer()
			throws Exception {
		Properties factories = new Properties();
		factories.load(new StringReader(ownResource("META-INF/spring.factories")));
		assertThat(factories.stringPropertyNames()).containsExactlyInAnyOrder(TestExecutionListener.class.getName(),
				ContextCustomizerFactory.class.getName(), FailureAnalyzer.class.getName());
		assertImplementations(factories.getProperty(FailureAnalyzer.class.getName()), FailureAnalyzer.class,
				"dev.tempguard.autoconfigure.TempGuardOffFailureAnalyzer");
		assertImplementations(factories.getProperty(TestExecutionListener.class.getName()), TestExecutionListener.class,
				"dev.tempguard.spring.testcontext.TempGuardTestExecutionListener");
		assertImplementations(factories.getProperty(ContextCustomizerFactory.class.getName()),
				ContextCustomizerFactory.class,
				"dev.tempguard.spring.testcontext.StartupScopeContextCustomizerFactory");
	}

	private static void assertImplementations(String value, Class<?> type, String expected) throws Exception {
		String[] names = StringUtils.commaDelimitedListToStringArray(value);
		List<String> trimmed = new ArrayList<>();
		for (String name : names) {
			trimmed.add(name.strip());
		}
		assertThat(trimmed).containsExactly(expected);
		assertThat(type.isAssignableFrom(Class.forName(expected))).as("%s implements %s", expected, type.getName())
			.isTrue();
	}

	private static Map<String, JsonNode> metadataProperties() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (JsonNode property : metadata().path("properties")) {
			String name = property.path("name").asString();
			if (name.startsWith("management.endpoint.tempguard.")) {
				continue; // Boot's own properties of the tempguard endpoint (access,
							// cache), generated for @Endpoint
			}
			assertThat(properties.put(name, property)).as("%s appears once", name).isNull();
		}
		return properties;
	}

	private static JsonNode metadata() throws IOException {
		return JsonMapper.builder().build().readTree(ownResource("META-INF/spring-configuration-metadata.json"));
	}

	/**
	 * The content of {@code name} from where tempguard's classes are, not from another
	 * jar.
	 */
	private static String ownResource(String name) throws IOException {
		String location = TempGuardProperties.class.getProtectionDomain().getCodeSource().getLocation().toString();
		List<URL> own = new ArrayList<>();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(name))) {
			if (url.toString().contains(location)) {
				own.add(url);
			}
		}
		assertThat(own).as("%s in %s", name, location).hasSize(1);
		try (InputStream input = own.get(0).openStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
