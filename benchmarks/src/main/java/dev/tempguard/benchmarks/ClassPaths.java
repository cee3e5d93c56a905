package dev.tempguard.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The harness's class path, and the class paths of child JVMs made from it. Under
 * {@code mvn exec:java} the harness runs inside Maven's JVM, whose
 * {@code java.class.path} is Maven's launcher: the project's class path is that of the
 * class loader that loaded the harness. Its entries are jars, or a module's
 * {@code target/classes} when built in the reactor without packaging.
 */
final class ClassPaths {

	static final String JUNIT = "tempguard-junit";

	static final String AUTOCONFIGURE = "tempguard-spring-boot-autoconfigure";

	// tempguard's own dependency: a suite without tempguard does not have it
	static final String JNA = "jna";

	private ClassPaths() {
	}

	/** The class path of the harness, one entry per element. */
	static List<String> entries() {
		ClassLoader loader = ClassPaths.class.getClassLoader();
		List<String> entries = new ArrayList<>();
		if (loader instanceof URLClassLoader urls && urls.getURLs().length > 1) {
			for (URL url : urls.getURLs()) {
				try {
					entries.add(Path.of(url.toURI()).toString());
				}
				catch (URISyntaxException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return entries;
		}
		return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).toList();
	}

	/** The entries that {@code keep} keeps, joined. */
	static String of(Predicate<String> keep) {
		return entries().stream().filter(keep).collect(Collectors.joining(File.pathSeparator));
	}

	/** Keeps every entry but those of the artifacts named. */
	static Predicate<String> without(String... artifactIds) {
		return (entry) -> {
			String artifact = artifactOf(entry);
			for (String artifactId : artifactIds) {
				if (artifact.equals(artifactId)) {
					return false;
				}
			}
			return true;
		};
	}

	/** Keeps every entry but tempguard's jars and their own dependency, JNA. */
	static Predicate<String> withoutTempGuard() {
		return without(JUNIT, AUTOCONFIGURE, JNA);
	}

	/**
	 * tempguard-junit as a jar, which is tempguard's agent; {@code null} when the class
	 * path has its classes directory instead.
	 */
	static @Nullable String agentJar() {
		for (String entry : entries()) {
			if (artifactOf(entry).equals(JUNIT) && entry.endsWith(".jar")) {
				try (JarFile jar = new JarFile(entry)) {
					if (jar.getManifest() != null
							&& jar.getManifest().getMainAttributes().getValue("Premain-Class") != null) {
						return entry;
					}
				}
				catch (IOException ex) {
					return null;
				}
			}
		}
		return null;
	}

	// the artifact id of a jar (<id>-<version>.jar) or of a module's target/classes
	private static String artifactOf(String entry) {
		Path path = Path.of(entry);
		if (Files.isDirectory(path)) {
			Path module = (path.getParent() != null) ? path.getParent().getParent() : null;
			return (module != null && module.getFileName() != null) ? module.getFileName().toString() : "";
		}
		String name = String.valueOf(path.getFileName());
		int version = name.length();
		for (int i = 1; i < name.length(); i++) {
			if (name.charAt(i - 1) == '-' && Character.isDigit(name.charAt(i))) {
				version = i - 1;
				break;
			}
		}
		return name.substring(0, version);
	}

}
