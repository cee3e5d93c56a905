package dev.tempguard.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.testing.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How tempguard's agent comes to a test JVM, in real JVMs: by itself where the JVM allows
 * it silently, given with {@code -javaagent} where it does not; never with a warning of
 * the JVM's, and where it cannot come, one INFO line says how to add it and leaks are
 * still found, their creation site unknown.
 */
class AgentAttachmentTests {

	/** A Java 25 next to the build's JDK, where there is one. */
	static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final String JVM_WARNING = "WARNING:";

	@TempDir
	Path temp;

	@Test
	void onJava17ItAttachesByItselfSilentlyAndTheVerdictSaysWhereTheLeakWasMade() throws Exception {
		assumeTrue(Runtime.version().feature() < 21, "the build runs on Java 21 or later, which this is not about");
		Processes.Result run = run(currentJava());

		assertThat(run.output()).doesNotContain(JVM_WARNING)
			.contains("VERDICT tempguard: " + LeakyRunMain.Leaks.class.getName() + "#leaks[1] leaked 1")
			.contains("made at " + LeakyRunMain.Leaks.class.getName() + ".leaks(LeakyRunMain.java:");
	}

	@Test
	void whereTheJvmForbidsAttachingOneInfoLineSaysHowToAddItAndTheLeakIsStillFound() throws Exception {
		Processes.Result run = run(currentJava(), "-XX:-EnableDynamicAgentLoading");

		assertThat(run.output()).doesNotContain(JVM_WARNING)
			.contains("the JVM runs with -XX:-EnableDynamicAgentLoading")
			.contains("[tempguard]   note: tempguard finds leaks without its agent")
			.contains("Add -javaagent:")
			.contains("VERDICT tempguard: " + LeakyRunMain.Leaks.class.getName() + "#leaks[1] leaked 1")
			.contains("creation site unknown: tempguard's agent is not attached");
	}

	@Test
	void onJava25ItDoesNotAttachByItselfAndSaysSoWithoutAWarningOfTheJvms() throws Exception {
		assumeTrue(Files.isExecutable(JAVA_25), "needs a Java 25 at " + JAVA_25);
		Processes.Result run = run(JAVA_25.toString());

		assertThat(run.output()).doesNotContain(JVM_WARNING)
			.contains("Java 25 warns when an agent attaches to a running JVM")
			.contains("VERDICT tempguard: " + LeakyRunMain.Leaks.class.getName() + "#leaks[1] leaked 1")
			.contains("creation site unknown");
	}

	@Test
	void onJava25GivenWithJavaagentItSeesWhereTheLeakWasMadeWithoutAWarning() throws Exception {
		assumeTrue(Files.isExecutable(JAVA_25), "needs a Java 25 at " + JAVA_25);
		Processes.Result run = run(JAVA_25.toString(), "-javaagent:" + agentJar());

		assertThat(run.output()).doesNotContain(JVM_WARNING)
			.contains("made at " + LeakyRunMain.Leaks.class.getName() + ".leaks(LeakyRunMain.java:");
	}

	private Processes.Result run(String java, String... jvmArguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(java, "-Djava.io.tmpdir=" + Files.createDirectories(this.temp.resolve("tmp")),
						"-Dtempguard.root-dir=" + this.temp.resolve("root"),
						"-Dtempguard.report.dir=" + this.temp.resolve("report")));
		command.addAll(List.of(jvmArguments));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LeakyRunMain.class.getName()));
		Processes.Result result = Processes.run(command, null);
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result;
	}

	private static String currentJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	// the agent as a jar of its own: a manifest naming tempguard's agent, whose classes
	// are on the class path
	private Path agentJar() throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue("Premain-Class", TempGuardAgent.class.getName());
		manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
		manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
		Path jar = this.temp.resolve("agent.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
			// the manifest is all
		}
		return jar;
	}

}
