package dev.tempguard.internal.sweep;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.rundir.RunDirectory;
import dev.tempguard.internal.runtime.TestRuntimes;
import dev.tempguard.internal.settings.SweepSettings;

/**
 * A test JVM of its own, started by {@link OrphanSweepProcessTests}. Arguments: a mode
 * and the root-dir.
 * <ul>
 * <li>{@code hold <root>}: creates a run directory with two files, prints
 * {@code ready <run directory>}, and holds it until its standard input closes.</li>
 * <li>{@code race <root> <rounds>}: prints {@code waiting}, waits for a line on its
 * standard input, then, round after round, starts a new run on the root-dir with a
 * start-up sweep at {@code max-age: 0}, writes files into it and sweeps again; in the end
 * checks that every file of every run it holds is intact, prints {@code ok <files>} and
 * exits with 0, or prints what was lost and exits with 1.</li>
 * </ul>
 */
public final class SweepProcessMain {

	private SweepProcessMain() {
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[1]);
		switch (args[0]) {
			case "hold" -> hold(root);
			case "race" -> System.exit(race(root, Integer.parseInt(args[2])));
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	private static void hold(Path root) throws Exception {
		DefaultTempFileRegistry registry = TestRuntimes.create().registry(root);
		Path file = registry.createFile("held by " + ProcessHandle.current().pid(), "txt");
		registry.createFile(new byte[1000], "bin");
		System.out.println("ready " + file.getParent());
		System.out.flush();
		// until the test closes our standard input (or kills us)
		while (System.in.read() != -1) {
			// nothing to do
		}
	}

	private static int race(Path root, int rounds) throws Exception {
		System.out.println("waiting");
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		SweepSettings sweepAtStartup = new SweepSettings(true, Duration.ZERO, false);
		Map<Path, String> written = new LinkedHashMap<>();
		List<TempGuardRuntime> runtimes = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			// a new run, as a new test JVM would start one: it sweeps root-dir first
			TempGuardRuntime runtime = TestRuntimes.create();
			runtimes.add(runtime);
			DefaultTempFileRegistry registry = runtime.registry(root, sweepAtStartup);
			for (int i = 0; i < 10; i++) {
				String content = ProcessHandle.current().pid() + " round " + round + " file " + i;
				written.put(registry.createFile(content, "txt"), content);
			}
			Path directory = registry.createDirectory();
			Path nested = Files.writeString(directory.resolve("nested.txt"), "nested " + round);
			written.put(nested, "nested " + round);
			// and a sweep in the middle of the run, as a concurrent build's start-up
			// would do
			new OrphanSweeper(runtime.engines().current()).sweep(runtime.runDirectory(root).rootDir(), Duration.ZERO,
					false, ownRunDirectories(runtimes));
		}
		List<String> lost = new ArrayList<>();
		for (Map.Entry<Path, String> entry : written.entrySet()) {
			if (!Files.isRegularFile(entry.getKey()) || !Files.readString(entry.getKey()).equals(entry.getValue())) {
				lost.add(entry.getKey().toString());
			}
		}
		if (!lost.isEmpty()) {
			System.out.println("lost " + lost.size() + " of " + written.size() + ": " + lost);
			return 1;
		}
		System.out.println("ok " + written.size());
		return 0;
	}

	private static Set<Path> ownRunDirectories(List<TempGuardRuntime> runtimes) {
		return runtimes.stream()
			.flatMap((runtime) -> StreamSupport.stream(runtime.runDirectories().spliterator(), false))
			.map(RunDirectory::path)
			.collect(Collectors.toSet());
	}

}
