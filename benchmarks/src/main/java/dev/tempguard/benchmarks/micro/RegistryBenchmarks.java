package dev.tempguard.benchmarks.micro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.scope.Scopes;
import dev.tempguard.Leak;

/**
 * Micro figures (JMH, average time per operation): one test context's life with one
 * temporary file in it, through tempguard (open and bind the context,
 * {@code registry.createFile}, close and clean it) against the same file with plain
 * java.nio ({@code Files.createTempFile}, write, delete); and an empty context's life.
 * Leak detection is not involved (see the leak-check figure for that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmarks {

	private static final byte[] CONTENT = "id,customer,amount\nB-1,Linus,3.10\n".getBytes(StandardCharsets.UTF_8);

	private TempGuardRuntime runtime;

	private DefaultTempFileRegistry registry;

	private Path plainDirectory;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		Path scratch = Path.of(System.getProperty("benchmark.scratch"));
		this.runtime = TempGuardRuntime.get();
		this.registry = this.runtime.registry(Files.createDirectories(scratch.resolve("jmh-root")));
		this.plainDirectory = Files.createDirectories(scratch.resolve("jmh-plain"));
	}

	@Benchmark
	public void plainFile() throws IOException {
		Path file = Files.createTempFile(this.plainDirectory, "tg-", ".csv");
		Files.write(file, CONTENT);
		Files.delete(file);
	}

	@Benchmark
	public Object tempguardFile() {
		Scopes scopes = this.runtime.scopes();
		dev.tempguard.internal.scope.Scope scope = scopes.openMethod(RegistryBenchmarks.class, "tempguardFile");
		Scopes.Binding previous = scopes.bind(scope, true);
		this.registry.createFile(CONTENT, "csv");
		scopes.restore(previous);
		scopes.close(scope);
		return this.runtime.cleaner().clean(scope, false);
	}

	@Benchmark
	public Object emptyContext() {
		Scopes scopes = this.runtime.scopes();
		dev.tempguard.internal.scope.Scope scope = scopes.openMethod(RegistryBenchmarks.class, "emptyContext");
		Scopes.Binding previous = scopes.bind(scope, true);
		scopes.restore(previous);
		scopes.close(scope);
		return this.runtime.cleaner().clean(scope, false);
	}

}
