package io.cardstore.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cardstore.testing.NativeProcess;
import org.jspecify.annotations.Nullable;

/**
 * One start of the packaged application that reached readiness, as
 * {@link StartupBenchmark} measures it: from the start of its process to
 * {@code /actuator/health/readiness} answering UP on the management port, and what the
 * process used by then, read from {@code /proc}.
 *
 * @param ready from the start of the process to readiness
 * @param residentKilobytes the process's resident memory then
 * @param cpu the process's CPU time until then
 */
record MeasuredStart(Duration ready, long residentKilobytes, Duration cpu) {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	/**
	 * Starts the application with this command, its ports and these properties, until it
	 * is ready; stopped again before this returns.
	 * @throws IllegalStateException when it exits or is not ready in time
	 */
	static MeasuredStart of(List<String> command, Map<String, String> properties) {
		int port = NativeProcess.freePort();
		int managementPort = NativeProcess.freePort();
		List<String> arguments = new ArrayList<>(command);
		arguments.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort,
				"--cardstore.session.instance-id=startup-benchmark"));
		properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		Path directory = NativeProcess.newDirectory("startup-benchmark");
		Path log = directory.resolve("application.log");
		URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
		Process process = null;
		try {
			long started = System.nanoTime();
			process = new ProcessBuilder(arguments).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			while (!isReady(readiness)) {
				if (!process.isAlive()) {
					throw new IllegalStateException("exited with code " + process.exitValue() + ": " + lastLines(log));
				}
				if (System.nanoTime() - started > READY_TIMEOUT.toNanos()) {
					throw new IllegalStateException("not ready within " + READY_TIMEOUT);
				}
				Thread.sleep(POLL_INTERVAL.toMillis());
			}
			Duration ready = Duration.ofNanos(System.nanoTime() - started);
			return new MeasuredStart(ready, residentKilobytesOf(process.pid()), cpuTime(process.pid()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			stop(process);
			deleteDirectory(directory);
		}
	}

	private static boolean isReady(URI readiness) throws InterruptedException {
		try {
			return http
				.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void stop(@Nullable Process process) {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static long residentKilobytesOf(long pid) throws IOException {
		Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
		return rss.find() ? Long.parseLong(rss.group(1)) : 0;
	}

	/**
	 * User and system time of every thread of the process, from {@code /proc/<pid>/stat}
	 * (in clock ticks of 10 ms).
	 */
	private static Duration cpuTime(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		// The fields after the command name, which is in parentheses and may hold spaces.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		return Duration.ofMillis(ticks * 10);
	}

	private static String lastLines(Path log) throws IOException {
		List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
		return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
	}

	private static void deleteDirectory(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless.
		}
	}

	/** Seconds, as the report gives them. */
	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
	}

	@Override
	public String toString() {
		return "ready in " + seconds(this.ready) + " s, RSS " + this.residentKilobytes / 1024 + " MB, CPU "
				+ seconds(this.cpu) + " s";
	}

}
