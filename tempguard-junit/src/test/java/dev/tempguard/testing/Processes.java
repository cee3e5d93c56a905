package dev.tempguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return new Result(-1, "timed out: " + new String(output, StandardCharsets.UTF_8));
		}
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	/** A command's exit code and output. */
	public record Result(int exitCode, String output) {

	}

}
