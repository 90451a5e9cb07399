package io.cardstore.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.NativeProcess;
import org.jspecify.annotations.Nullable;

/** wrk from the PATH, run with a script for a fixed time, its report read back. */
final class Wrk {

	private static final int THREADS = 2;

	private static final int CONNECTIONS = 16;

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern NON_2XX_3XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private final Path executable;

	private Wrk(Path executable) {
		this.executable = executable;
	}

	/** wrk from the PATH; fails with how to install it when it is missing. */
	static Wrk find() {
		try {
			return new Wrk(NativeProcess.executable("wrk", "apt-get install wrk"));
		}
		catch (IllegalStateException ex) {
			throw new IllegalStateException("wrk is not on the PATH: install wrk (apt-get install wrk)", ex);
		}
	}

	/** The command line of a run, for the report. */
	static String commandLine(Duration duration) {
		return "wrk -t" + THREADS + " -c" + CONNECTIONS + " -d" + duration.toSeconds() + "s --latency";
	}

	/**
	 * The script with a pause after each response on every connection (wrk's
	 * {@code delay()}, in whole milliseconds), so that the connections together send
	 * about this many requests a second while the server answers quickly: a paced run,
	 * below saturation, where latency tells the server's own time and not the queue.
	 */
	static String paced(String script, double requestsPerSecond) {
		long pause = Math.max(1, Math.round(CONNECTIONS * 1000 / requestsPerSecond));
		return script + "function delay()\n\treturn " + pause + "\nend\n";
	}

	/** Runs the script against the URL for this long and reads wrk's report. */
	Result run(String url, String script, Duration duration) {
		Path scriptFile = null;
		Path report = null;
		try {
			scriptFile = Files.writeString(Files.createTempFile("cardstore-wrk-", ".lua"), script);
			report = Files.createTempFile("cardstore-wrk-", ".txt");
			List<String> command = List.of(this.executable.toString(), "-t" + THREADS, "-c" + CONNECTIONS,
					"-d" + duration.toSeconds() + "s", "--latency", "-s", scriptFile.toString(), url);
			Process wrk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(report.toFile()).start();
			try {
				if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("wrk did not finish: " + String.join(" ", command));
				}
			}
			finally {
				wrk.destroyForcibly();
			}
			return Result.parse(Files.readString(report));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while wrk ran", ex);
		}
		finally {
			deleteIfExists(scriptFile);
			deleteIfExists(report);
		}
	}

	private static void deleteIfExists(@Nullable Path file) {
		try {
			if (file != null) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// A leftover temporary file is harmless.
		}
	}

	/**
	 * What wrk reports.
	 *
	 * @param requests responses received in the run
	 * @param requestsPerSecond throughput
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param non2xx3xx responses with a status of 400 or more
	 * @param socketErrors connect, read, write errors and timeouts
	 */
	record Result(long requests, double requestsPerSecond, double p50Millis, double p99Millis, long non2xx3xx,
			long socketErrors) {

		static Result parse(String report) {
			Matcher socketErrors = SOCKET_ERRORS.matcher(report);
			long socket = 0;
			if (socketErrors.find()) {
				for (int group = 1; group <= 4; group++) {
					socket += Long.parseLong(socketErrors.group(group));
				}
			}
			Matcher non2xx3xx = NON_2XX_3XX.matcher(report);
			return new Result(Long.parseLong(find(REQUESTS, report)),
					Double.parseDouble(find(REQUESTS_PER_SECOND, report)), millis(report, "50%"), millis(report, "99%"),
					non2xx3xx.find() ? Long.parseLong(non2xx3xx.group(1)) : 0, socket);
		}

		/**
		 * A percentile of the latency distribution ({@code --latency}), in wrk's units:
		 * us, ms, s, m.
		 */
		private static double millis(String report, String percentile) {
			Matcher latency = Pattern.compile("\\s" + percentile + "\\s+([\\d.]+)(us|ms|s|m)\\b").matcher(report);
			if (!latency.find()) {
				throw new IllegalStateException("No " + percentile + " latency in wrk's report:\n" + report);
			}
			double value = Double.parseDouble(latency.group(1));
			return switch (latency.group(2)) {
				case "us" -> value / 1000;
				case "ms" -> value;
				case "s" -> value * 1000;
				default -> value * 60_000;
			};
		}

		private static String find(Pattern pattern, String report) {
			Matcher matcher = pattern.matcher(report);
			if (!matcher.find()) {
				throw new IllegalStateException("wrk's report has no '" + pattern + "':\n" + report);
			}
			return matcher.group(1);
		}

	}

}
