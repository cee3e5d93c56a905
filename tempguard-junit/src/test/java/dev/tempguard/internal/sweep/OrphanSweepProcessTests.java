package dev.tempguard.internal.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.cleanup.DeletionEngine;
import dev.tempguard.internal.cleanup.PathGuard;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.sweep.SweepReport.Action;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.SweepSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crosses processes, with real JVMs started by {@link SweepProcessMain}: a live run
 * of another JVM is never swept, a killed one is once it is older than max-age, and
 * concurrent runs that sweep each other's root-dir with {@code max-age: 0} lose nothing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrphanSweepProcessTests {

	@TempDir
	Path temp;

	private Path root;

	private final List<Process> processes = new ArrayList<>();

	private final List<TempGuardRuntime> runtimes = new ArrayList<>();

	private final Map<Process, BufferedReader> readers = new ConcurrentHashMap<>();

	@BeforeEach
	void createRootDir() throws IOException {
		this.root = Files.createDirectory(this.temp.resolve("root"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
	}

	@AfterEach
	void stopProcessesAndReleaseRuns() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
		for (TempGuardRuntime runtime : this.runtimes) {
			runtime.runDirectories().forEach(RunDirectory::close);
		}
	}

	@Test
	void aRunThatAnotherLiveJvmHoldsIsNeverSweptEvenWithMaxAgeZero() throws Exception {
		Process holder = start("hold", this.root.toString());
		Path held = Path.of(awaitLine(holder, "ready ").substring("ready ".length()));
		SweepReport report = sweeper().sweep(this.root, Duration.ZERO, false, Set.of());
		assertThat(report.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo(held);
			assertThat(entry.action()).isEqualTo(Action.KEPT_LIVE);
			assertThat(entry.files()).isEqualTo(3);
		});
		assertThat(held).isDirectory();
		try (Stream<Path> files = Files.list(held)) {
			assertThat(files.filter((file) -> file.getFileName().toString().endsWith(".txt"))).singleElement()
				.satisfies((file) -> assertThat(file).hasContent("held by " + holder.pid()));
		}
		// once that JVM ended, its run directory is an orphan
		holder.getOutputStream().close();
		assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(holder.exitValue()).isZero();
		SweepReport after = sweeper().sweep(this.root, Duration.ZERO, false, Set.of());
		assertThat(after.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.path()).isEqualTo(held);
			assertThat(entry.action()).isEqualTo(Action.DELETED);
			assertThat(entry.bytes()).isGreaterThan(1000);
		});
		assertThat(this.root).isEmptyDirectory();
	}

	@Test
	void aRunOfAJvmKilledMidTestIsSweptByTheNextRunOnceOlderThanMaxAge() throws Exception {
		Process killed = start("hold", this.root.toString());
		Path leftover = Path.of(awaitLine(killed, "ready ").substring("ready ".length()));
		killed.destroyForcibly();
		assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(leftover).isDirectory();
		// not live any more, but younger than max-age
		SweepReport young = sweeper().sweep(this.root, Duration.ofHours(1), false, Set.of());
		assertThat(young.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.action()).isEqualTo(Action.KEPT_YOUNG));
		assertThat(leftover).isDirectory();
		// two hours later, the next run starts
		backdate(leftover, Duration.ofHours(2));
		TempGuardRuntime next = runtime();
		DefaultTempFileRegistry registry = next.registry(this.root,
				new SweepSettings(true, Duration.ofHours(1), false));
		assertThat(leftover).doesNotExist();
		Path file = registry.createFile("next run", "txt");
		try (Stream<Path> entries = Files.list(this.root)) {
			assertThat(entries).containsExactly(file.getParent());
		}
	}

	@Test
	void twoConcurrentRunsSweepingWithMaxAgeZeroLoseNothing() throws Exception {
		Process first = start("race", this.root.toString(), "20");
		Process second = start("race", this.root.toString(), "20");
		awaitLine(first, "waiting");
		awaitLine(second, "waiting");
		for (Process process : List.of(first, second)) {
			OutputStream input = process.getOutputStream();
			input.write("go\n".getBytes(StandardCharsets.UTF_8));
			input.flush();
		}
		CompletableFuture<String> firstOutput = rest(first);
		CompletableFuture<String> secondOutput = rest(second);
		assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
		assertThat(second.waitFor(20, TimeUnit.SECONDS)).isTrue();
		String firstLines = firstOutput.get(5, TimeUnit.SECONDS);
		String secondLines = secondOutput.get(5, TimeUnit.SECONDS);
		assertThat(first.exitValue()).as(firstLines).isZero();
		assertThat(second.exitValue()).as(secondLines).isZero();
		// 20 runs each, of 10 files and a directory with one file
		assertThat(firstLines).contains("ok 220").doesNotContain("lost");
		assertThat(secondLines).contains("ok 220").doesNotContain("lost");
	}

	private OrphanSweeper sweeper() {
		return new OrphanSweeper(new DeletionEngine(PathGuard.defaults().with(this.root)));
	}

	private TempGuardRuntime runtime() {
		TempGuardRuntime runtime = TestRuntimes.create();
		this.runtimes.add(runtime);
		return runtime;
	}

	/**
	 * Makes a run directory look started {@code age} ago: its lock file's start time and
	 * its modification.
	 */
	private static void backdate(Path runDirectory, Duration age) throws IOException {
		Instant then = Instant.now().minus(age).truncatedTo(ChronoUnit.SECONDS);
		Path lockFile = runDirectory.resolve(RunDirectory.LOCK_FILE);
		String content = Files.readString(lockFile, StandardCharsets.ISO_8859_1);
		assertThat(content).contains("pid=").contains("host=").contains(RunDirectory.START_KEY + "=");
		Files.writeString(lockFile, content.replaceAll("(?m)^start=.*$", "start=" + then), StandardCharsets.ISO_8859_1);
		Files.setLastModifiedTime(runDirectory, FileTime.from(then));
	}

	private Process start(String... args) throws IOException {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
				"-Xshare:auto", "-XX:-UsePerfData", "-cp", classpath, SweepProcessMain.class.getName()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		this.processes.add(process);
		return process;
	}

	/**
	 * Reads the process's output up to the first line starting with {@code prefix}, which
	 * it returns.
	 */
	private String awaitLine(Process process, String prefix) throws Exception {
		BufferedReader reader = reader(process);
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			StringBuilder seen = new StringBuilder();
			try {
				for (String next = reader.readLine(); next != null; next = reader.readLine()) {
					if (next.startsWith(prefix)) {
						return next;
					}
					seen.append(next).append('\n');
				}
			}
			catch (IOException ex) {
				seen.append(ex);
			}
			throw new IllegalStateException("the process ended without printing '" + prefix + "':\n" + seen);
		});
		return line.get(15, TimeUnit.SECONDS);
	}

	private CompletableFuture<String> rest(Process process) {
		BufferedReader reader = reader(process);
		return CompletableFuture.supplyAsync(() -> {
			StringBuilder output = new StringBuilder();
			try {
				for (String next = reader.readLine(); next != null; next = reader.readLine()) {
					output.append(next).append('\n');
				}
			}
			catch (IOException ex) {
				output.append(ex);
			}
			return output.toString();
		});
	}

	/** One reader per process, so that what one call buffered is not lost to the next. */
	private BufferedReader reader(Process process) {
		return this.readers.computeIfAbsent(process,
				(key) -> new BufferedReader(new InputStreamReader(key.getInputStream(), StandardCharsets.UTF_8)));
	}

}
