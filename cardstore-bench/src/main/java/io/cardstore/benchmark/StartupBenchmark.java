package io.cardstore.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.local.PackagedApplication;

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

	private StartupBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int runs = Integer.getInteger("cardstore.benchmark.runs", DEFAULT_RUNS);
		PackagedApplication application = PackagedApplication.prepare();
		List<Way> ways = ways(application);
		System.out.println(BackingServices.describeStart());
		Map<Way, List<MeasuredStart>> starts = new LinkedHashMap<>();
		String loadBefore;
		String loadAfter;
		try (BackingServices services = BackingServices.start(RedisOptions.defaults())) {
			Map<String, String> properties = new LinkedHashMap<>(services.connectionProperties());
			// Creates the tables, and warms the emulators and the file cache, before
			// anything is measured.
			System.out.println("A first start, not measured, creates the tables...");
			MeasuredStart.of(ways.get(0).command(), properties);
			// As in production, where the infrastructure owns the tables.
			properties.put("cardstore.aws.dynamodb.create-tables", "false");
			loadBefore = loadAverage();
			for (int run = 1; run <= runs; run++) {
				for (Way way : ways) {
					try {
						MeasuredStart start = MeasuredStart.of(way.command(), properties);
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

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String table(List<Way> ways, Map<Way, List<MeasuredStart>> starts, Way baseline) {
		Optional<Duration> baselineMedian = Optional.ofNullable(starts.get(baseline))
			.map(StartupBenchmark::medianReady);
		StringBuilder table = new StringBuilder();
		table.append("| Start | Java | Runs | Ready min s | Ready median s | Ready max s | Median vs ")
			.append(baseline.name())
			.append(" | RSS median MB | CPU median s |\n");
		table.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Way way : ways) {
			List<MeasuredStart> measured = starts.getOrDefault(way, List.of());
			if (measured.isEmpty()) {
				table.append("| ")
					.append(way.name())
					.append(" | ")
					.append(way.java())
					.append(" | 0 | — | — | — | — | — | — |\n");
				continue;
			}
			List<Duration> ready = measured.stream().map(MeasuredStart::ready).sorted().toList();
			Duration median = medianReady(measured);
			table.append("| ")
				.append(String.join(" | ", way.name(), way.java(), Integer.toString(measured.size()),
						MeasuredStart.seconds(ready.get(0)), MeasuredStart.seconds(median),
						MeasuredStart.seconds(ready.get(ready.size() - 1)),
						baselineMedian.map(
								base -> String.format(Locale.ROOT, "%.2fx", (double) median.toNanos() / base.toNanos()))
							.orElse("—"),
						Long.toString(median(measured.stream().map(MeasuredStart::residentKilobytes).sorted().toList())
								/ 1024),
						MeasuredStart.seconds(median(measured.stream().map(MeasuredStart::cpu).sorted().toList()))))
				.append(" |\n");
		}
		return table.toString();
	}

	private static Duration medianReady(List<MeasuredStart> starts) {
		return median(starts.stream().map(MeasuredStart::ready).sorted().toList());
	}

	/** The middle one of sorted values (the lower middle one of an even number). */
	private static <T> T median(List<T> sorted) {
		return sorted.get((sorted.size() - 1) / 2);
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

}
