package dev.tempguard.sample.docs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

import dev.tempguard.autoconfigure.TempGuardProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code sample of the README and the user guide is checked: each Java sample
 * compiles against the sample app and tempguard, and each YAML sample loads, and binds to
 * tempguard's properties with no unknown key; each XML sample is well-formed and names
 * the starter's real coordinates.
 */
class DocumentationSamplesTests {

	private static final Pattern BLOCK = Pattern.compile("```(java|yaml|xml)\\n(.*?)```", Pattern.DOTALL);

	private static final String IMPORTS = """
			import java.nio.file.*;
			import java.util.*;
			import org.junit.jupiter.api.*;
			import org.junit.jupiter.api.io.TempDir;
			import org.junit.jupiter.api.extension.ExtendWith;
			import org.springframework.beans.factory.annotation.Autowired;
			import org.springframework.boot.test.context.SpringBootTest;
			import org.springframework.test.context.ActiveProfiles;
			import org.springframework.test.context.TestExecutionListeners;
			import org.springframework.test.context.TestExecutionListeners.MergeMode;
			import org.springframework.test.context.support.AbstractTestExecutionListener;
			import io.micrometer.core.instrument.MeterRegistry;
			import dev.tempguard.*;
			import dev.tempguard.junit.*;
			import dev.tempguard.sample.report.*;
			import static org.assertj.core.api.Assertions.assertThat;
			""";

	@TempDir
	Path output;

	@TestFactory
	Stream<DynamicTest> everySampleOfTheDocumentationCompilesOrBinds() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path page : pages()) {
			Matcher matcher = BLOCK.matcher(Files.readString(page));
			int index = 0;
			while (matcher.find()) {
				String language = matcher.group(1);
				String sample = matcher.group(2);
				String name = page.getFileName() + " sample " + (++index) + " (" + language + ")";
				tests.add(DynamicTest.dynamicTest(name, () -> check(language, sample, "Sample" + tests.size())));
			}
		}
		assertThat(tests).as("samples found").hasSizeGreaterThan(5);
		return tests.stream();
	}

	private void check(String language, String sample, String className) throws Exception {
		switch (language) {
			case "yaml" -> bindsToTempGuardProperties(sample);
			case "xml" -> isWellFormedPomXml(sample);
			default -> compiles(className, sample);
		}
	}

	// A pom fragment: well-formed, and a tempguard dependency or plugin names real
	// coordinates: a dependency the starter's (or the Spring-free core's), a plugin the
	// Maven plugin's.
	private static void isWellFormedPomXml(String xml) throws Exception {
		Document document = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new InputSource(new StringReader("<fragment>" + xml + "</fragment>")));
		NodeList groupIds = document.getElementsByTagName("groupId");
		for (int i = 0; i < groupIds.getLength(); i++) {
			if (groupIds.item(i).getTextContent().equals("dev.tempguard")) {
				Element artifact = (Element) groupIds.item(i).getParentNode();
				String artifactId = artifact.getElementsByTagName("artifactId").item(0).getTextContent();
				if (artifact.getTagName().equals("plugin")) {
					assertThat(artifactId).isEqualTo("tempguard-maven-plugin");
				}
				else {
					assertThat(artifactId).isIn("tempguard-spring-boot-starter", "tempguard-junit");
				}
			}
		}
	}

	// Every YAML sample loads; one that sets tempguard properties binds them with no
	// unknown key.
	private static void bindsToTempGuardProperties(String yaml) throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("sample",
				new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		assertThat(sources).as("the sample is YAML").isNotEmpty();
		if (!yaml.startsWith("tempguard:")) {
			return;
		}
		StandardEnvironment environment = new StandardEnvironment();
		sources.forEach(environment.getPropertySources()::addFirst);
		BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
		Binder binder = new Binder(ConfigurationPropertySources.get(environment));
		// tempguard.baseline names the file: the auto-configuration binds
		// tempguard.baseline.strict on its own, as here
		binder.bind("tempguard.baseline.strict", Bindable.of(Boolean.class), strict);
		assertThat(binder.bind("tempguard", Bindable.of(TempGuardProperties.class), strict).isBound())
			.as("the sample sets tempguard properties")
			.isTrue();
	}

	private void compiles(String className, String sample) {
		String source = IMPORTS + "class MyListener extends AbstractTestExecutionListener {}\n"
				+ wrap(className, sample);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		StringWriter diagnostics = new StringWriter();
		JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
				JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}

		};
		boolean compiled = compiler
			.getTask(diagnostics, null, null, List.of("-classpath", System.getProperty("java.class.path"), "-d",
					this.output.toString(), "-proc:none"), null, List.of(file))
			.call();
		assertThat(compiled).as("compiles:%n%s%n%s", source, diagnostics).isTrue();
	}

	// A class as it is; statements go in a method that has the objects the guide's tests
	// autowire.
	private static String wrap(String className, String sample) {
		String trimmed = sample.strip();
		if (trimmed.contains("class ")) {
			return trimmed.replaceFirst("class \\w+", "class " + className);
		}
		if (trimmed.startsWith("@")) {
			return trimmed + "\nclass " + className + " {}\n";
		}
		return "class " + className + " {\n void sample(TempFileRegistry registry, ReportService reports)"
				+ " throws Exception {\n" + trimmed + "\n }\n}\n";
	}

	private static List<Path> pages() throws IOException {
		Path root = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
		List<Path> pages = new ArrayList<>();
		pages.add(root.resolve("README.md"));
		try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

}
