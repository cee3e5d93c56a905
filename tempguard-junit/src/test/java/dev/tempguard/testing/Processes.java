package dev.tempguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/** Runs a command for a test, with its output, within a minute. */
public final class Processes {

	private Processes() {
	}

	/**
	 * Runs {@code command} in {@code directory} (or the working directory), standard
	 * error merged into the output; a command still running after a minute is killed and
	 * has exit code -1.
	 */
	public static Result run(List<String> command, @Nullable Path directory) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Process process = builder.start();
		// read aside: a command that never ends must not block the test on its output
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
			return new Result(-1, "timed out: " + output(output));
		}
		return new Result(process.exitValue(), output(output));
	}

	private static String output(CompletableFuture<String> output) throws InterruptedException {
		try {
			return output.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			return "(output not read: " + ex + ")";
		}
	}

	/** A command's exit code and output. */
	public record Result(int exitCode, String output) {

	}

}
