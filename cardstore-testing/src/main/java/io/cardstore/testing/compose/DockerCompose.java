package io.cardstore.testing.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.cardstore.testing.ProjectFiles;

/**
 * Docker Compose on the project's {@code docker-compose.yml}, run in its folder (where
 * {@code .env} is): v2 ({@code docker compose}) where the Docker CLI has it, else v1's
 * {@code docker-compose}.
 *
 * @param command the command that runs Compose, without its arguments
 */
public record DockerCompose(List<String> command) {

	/** The Compose this machine has; fails, naming what to install, where it has none. */
	public static DockerCompose find() {
		for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
			List<String> version = new ArrayList<>(candidate);
			version.add("version");
			try {
				if (run(version, Duration.ofSeconds(30)).exitCode() == 0) {
					return new DockerCompose(candidate);
				}
			}
			catch (IOException ex) {
				// Not installed: try the next.
			}
		}
		throw new IllegalStateException("Neither 'docker compose' (Docker Compose v2) nor 'docker-compose' runs here: "
				+ "install Docker Compose v2 (Docker Desktop has it; on Linux the docker-compose-plugin package, or "
				+ "Debian's docker-compose)");
	}

	/**
	 * Runs Compose with these arguments on the project's file.
	 * @return its exit code and what it printed
	 */
	public Result run(String... arguments) throws IOException {
		List<String> full = new ArrayList<>(this.command);
		full.addAll(List.of("--file", ProjectFiles.find("docker-compose.yml").toString()));
		full.addAll(List.of(arguments));
		return run(full, Duration.ofMinutes(10));
	}

	/**
	 * Runs a command in the project's folder, its output through a file (a full pipe
	 * would block it).
	 */
	private static Result run(List<String> command, Duration timeout) throws IOException {
		Path output = Files.createTempFile("docker-compose", ".log");
		try {
			Process process = new ProcessBuilder(command)
				.directory(Objects.requireNonNull(ProjectFiles.find("docker-compose.yml").getParent()).toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + timeout);
			}
			return new Result(command, process.exitValue(), Files.readString(output));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + command, ex);
		}
		finally {
			Files.delete(output);
		}
	}

	/**
	 * What a Compose command did.
	 *
	 * @param command the command line
	 * @param exitCode its exit code
	 * @param output what it printed, standard error included
	 */
	public record Result(List<String> command, int exitCode, String output) {

		/** The output, once the command is known to have succeeded. */
		public String successful() {
			if (this.exitCode != 0) {
				throw new IllegalStateException(String.join(" ", this.command) + " failed with exit code "
						+ this.exitCode + ":\n" + this.output);
			}
			return this.output;
		}

	}

}
