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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.web.cluster.PackagedApplication;
import org.jspecify.annotations.Nullable;

/**
 * How long a replica takes to be ready, from the start of its process to
 * {@code /actuator/health/readiness} answering UP on the management port, and its
 * resident memory then: the packaged application started {@value #DEFAULT_RUNS} times (or
 * {@code -Dcardstore.benchmark.runs}) each way, the ways taking turns, against one set of
 * backing services. The ways: extracted on JDK 25 with the JDK AOT cache and the bean
 * definitions generated at build time (Spring AOT), as the image runs it; the same
 * without the cache; without either; the jar on the JVM running this (Java 17 here), as
 * before. Prints a Markdown table and writes it to {@code target/startup-benchmark.md}.
 * <p>
 * A command, not a test:
 * {@code ./mvnw -q -pl cardstore-bench -am package -DskipTests -Pstartup-benchmark} (see
 * the README).
 */
public final class StartupBenchmark {

	private static final int DEFAULT_RUNS = 5;

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

	private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private StartupBenchmark() {
	}

	// Not public, so that spring-boot:test-run still finds LocalCardStore as the only
	// main class of src/test.
	static void main(String[] args) throws IOException {
		int runs = Integer.getInteger("cardstore.benchmark.runs", DEFAULT_RUNS);
		PackagedApplication application = PackagedApplication.prepare();
		List<Way> ways = ways(application);
		System.out.println(BackingServices.describeStart());
		Map<Way, List<Start>> starts = new LinkedHashMap<>();
		String loadBefore;
		String loadAfter;
		try (BackingServices services = BackingServices.start(RedisOptions.defaults())) {
			Map<String, String> properties = new LinkedHashMap<>(services.connectionProperties());
			// Creates the tables, and warms the emulators and the file cache, before
			// anything is measured.
			System.out.println("A first start, not measured, creates the tables...");
			start(ways.get(0), properties);
			// As in production, where the infrastructure owns the tables.
			properties.put("cardstore.aws.dynamodb.create-tables", "false");
			loadBefore = loadAverage();
			for (int run = 1; run <= runs; run++) {
				for (Way way : ways) {
					try {
						Start start = start(way, properties);
						System.out.printf("  %d/%d %s: %s%n", run, runs, way.name(), start);
						starts.computeIfAbsent(way, key -> new ArrayList<>()).add(start);
					}
					catch (IllegalStateException ex) {
						System.out.printf("  %d/%d %s: %s%n", run, runs, way.name(), ex.getMessage());
					}
				}
			}
			loadAfter = loadAverage();
		}
		Way baseline = ways.get(ways.size() - 1);
		String report = """
				Measured %s; load average (1, 5, 15 min) %s before the runs and %s after them. Each start \
				gets free ports; %d runs each way, the ways taking turns, against one set of native backing \
				services (Redis, DynamoDB Local, ElasticMQ, S3Proxy, GreenMail) already warm; the tables exist \
				(`create-tables=false`). Ready: from the start of the process to `/actuator/health/readiness` \
				answering UP on the management port. RSS: resident memory then (`VmRSS`). CPU: the process's \
				user and system time until then, on every thread (the JIT compilers' included). JVM options of \
				the image: `%s`.

				%s""".formatted(SessionBenchmark.machine(), loadBefore, loadAfter, runs,
				String.join(" ", PackagedApplication.IMAGE_JVM_OPTIONS), table(ways, starts, baseline));
		Path file = Path.of(System.getProperty("cardstore.benchmark.report", "target/startup-benchmark.md"));
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
		System.out.println("Written to " + file);
	}

	/** The cached start first (it creates the tables), the baseline last. */
	private static List<Way> ways(PackagedApplication application) {
		List<String> options = PackagedApplication.IMAGE_JVM_OPTIONS;
		List<Way> ways = new ArrayList<>();
		if (application.cached()) {
			String java = "Java " + application.javaVersion();
			ways.add(new Way("Extracted, AOT cache, Spring AOT (the image)", java, application.command(options)));
			ways.add(new Way("Extracted, no cache, Spring AOT", java, application.withoutCache(options).orElseThrow()));
			List<String> withoutSpringAot = new ArrayList<>(options);
			withoutSpringAot.add(PackagedApplication.WITHOUT_SPRING_AOT);
			ways.add(new Way("Extracted, no cache, no Spring AOT", java,
					application.withoutCache(withoutSpringAot).orElseThrow()));
		}
		else {
			System.out.println("No JDK 25 or later: only the jar on this JVM is measured");
		}
		ways.add(new Way("The jar (`java -jar`)", "Java " + Runtime.version(), application.jarOnThisJvm(options)));
		return ways;
	}

	/**
	 * One start of the application, until it is ready; stopped again before this returns.
	 * @throws IllegalStateException when it exits or is not ready in time
	 */
	private static Start start(Way way, Map<String, String> properties) {
		int port = NativeProcess.freePort();
		int managementPort = NativeProcess.freePort();
		List<String> command = new ArrayList<>(way.command());
		command.addAll(List.of("--server.port=" + port, "--management.server.port=" + managementPort,
				"--cardstore.session.instance-id=startup-benchmark"));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		Path directory = NativeProcess.newDirectory("startup-benchmark");
		Path log = directory.resolve("application.log");
		URI readiness = URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness");
		Process process = null;
		try {
			long started = System.nanoTime();
			process = new ProcessBuilder(command).directory(directory.toFile())
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
			return new Start(ready, residentKilobytes(process.pid()), cpuTime(process.pid()));
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

	private static long residentKilobytes(long pid) throws IOException {
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

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String table(List<Way> ways, Map<Way, List<Start>> starts, Way baseline) {
		Optional<Duration> baselineMedian = Optional.ofNullable(starts.get(baseline))
			.map(StartupBenchmark::medianReady);
		StringBuilder table = new StringBuilder();
		table.append("| Start | Java | Runs | Ready min s | Ready median s | Ready max s | Median vs ")
			.append(baseline.name())
			.append(" | RSS median MB | CPU median s |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Way way : ways) {
			List<Start> measured = starts.getOrDefault(way, List.of());
			if (measured.isEmpty()) {
				table.append("| ")
					.append(way.name())
					.append(" | ")
					.append(way.java())
					.append(" | 0 | — | — | — | — | — | — |\n");
				continue;
			}
			List<Duration> ready = measured.stream().map(Start::ready).sorted().toList();
			Duration median = medianReady(measured);
			table.append("| ")
				.append(String.join(" | ", way.name(), way.java(), Integer.toString(measured.size()),
						seconds(ready.get(0)), seconds(median), seconds(ready.get(ready.size() - 1)),
						baselineMedian.map(
								base -> String.format(Locale.ROOT, "%.2fx", (double) median.toNanos() / base.toNanos()))
							.orElse("—"),
						Long.toString(median(measured.stream().map(Start::residentKilobytes).sorted().toList()) / 1024),
						seconds(median(measured.stream().map(Start::cpu).sorted().toList()))))
				.append(" |\n");
		}
		return table.toString();
	}

	private static Duration medianReady(List<Start> starts) {
		return median(starts.stream().map(Start::ready).sorted().toList());
	}

	/** The middle one of sorted values (the lower middle one of an even number). */
	private static <T> T median(List<T> sorted) {
		return sorted.get((sorted.size() - 1) / 2);
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
	}

	/**
	 * A way to start the application.
	 *
	 * @param name as the table names it
	 * @param java the Java version it runs on
	 * @param command the command, without the application's arguments
	 */
	record Way(String name, String java, List<String> command) {
	}

	/**
	 * One start that reached readiness.
	 *
	 * @param ready from the start of the process to readiness
	 * @param residentKilobytes the process's resident memory then
	 * @param cpu the process's CPU time until then
	 */
	record Start(Duration ready, long residentKilobytes, Duration cpu) {

		@Override
		public String toString() {
			return "ready in " + seconds(this.ready) + " s, RSS " + this.residentKilobytes / 1024 + " MB, CPU "
					+ seconds(this.cpu) + " s";
		}

	}

}
