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
import org.openjdk.jmh.annotations.TearDown;

import dev.tempguard.internal.runtime.TempGuardRuntime;
import dev.tempguard.internal.registry.DefaultTempFileRegistry;
import dev.tempguard.internal.runtime.TestLifecycle;
import dev.tempguard.benchmarks.TestContexts;

/**
 * Micro figures (JMH, average time per operation): one test context's life with one
 * temporary file in it, through tempguard (the context opened and ended as tempguard's
 * JUnit Platform listener does, {@link TestContexts}; {@code registry.createFile} in it)
 * against the same file with plain java.nio ({@code Files.createTempFile}, write,
 * delete); and an empty context's life. Leak detection is not involved (see the
 * leak-check figure for that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RegistryBenchmarks {

	private static final byte[] CONTENT = "id,customer,amount\nB-1,Linus,3.10\n".getBytes(StandardCharsets.UTF_8);

	private TempGuardRuntime runtime;

	private DefaultTempFileRegistry registry;

	private Path plainDirectory;

	private TestContexts contexts;

	private int invocation;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		Path scratch = Path.of(System.getProperty("benchmark.scratch"));
		this.runtime = TempGuardRuntime.get();
		this.registry = this.runtime.registry(Files.createDirectories(scratch.resolve("jmh-root")));
		this.plainDirectory = Files.createDirectories(scratch.resolve("jmh-plain"));
		this.contexts = new TestContexts(this.runtime, RegistryBenchmarks.class);
	}

	@Benchmark
	public void plainFile() throws IOException {
		Path file = Files.createTempFile(this.plainDirectory, "tg-", ".csv");
		Files.write(file, CONTENT);
		Files.delete(file);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.contexts.close();
	}

	@Benchmark
	public Object tempguardFile() {
		TestLifecycle.Opened test = this.contexts.open("tempguardFile", ++this.invocation);
		Path file = this.registry.createFile(CONTENT, "csv");
		this.contexts.finish(test);
		return file;
	}

	@Benchmark
	public Object emptyContext() {
		TestLifecycle.Opened test = this.contexts.open("emptyContext", ++this.invocation);
		this.contexts.finish(test);
		return test;
	}

}
