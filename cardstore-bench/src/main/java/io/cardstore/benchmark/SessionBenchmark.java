package io.cardstore.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cardstore.benchmark.ResultTable.Measurement;
import io.cardstore.benchmark.ResultTable.Row;
import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.nginx.NginxServer.Balancing;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.local.Replica;
import io.cardstore.web.cluster.WebClient;

/**
 * What keeping the HTTP sessions in Redis costs: for each session store in
 * {@link #MODES}, two replicas from the built jar behind nginx, one logged-in user, and
 * each of the {@link #LOADS} driven by wrk. Prints a Markdown table (throughput, latency,
 * errors, Redis commands per request, the session's size in Redis, and ratios against
 * sessions kept in the replicas' memory) and writes it to
 * {@code target/session-benchmark.md}.
 * <p>
 * A command, not a test:
 * {@code ./mvnw -q -pl cardstore-bench -am package -DskipTests -Psession-benchmark} (see
 * the README). Its numbers depend on the machine, so nothing here asserts any.
 */
public final class SessionBenchmark {

	/**
	 * Tomcat's own sessions, with nginx's {@code ip_hash}: wrk is one client, so one
	 * replica serves all its requests, as sticky sessions do.
	 */
	static final Mode IN_MEMORY_STICKY = new Mode(
			"In-memory, sticky", Map
				.of("spring.autoconfigure.exclude",
						"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration,"
								+ "io.cardstore.session.CardStoreSessionRepositoryAutoConfiguration"),
			Balancing.IP_HASH);

	/**
	 * The session stores compared; the last, Tomcat's own sessions, is the baseline of
	 * the ratios.
	 */
	static final List<Mode> MODES = List.of(new Mode("CardStore store", Map.of(), Balancing.ROUND_ROBIN),
			// The same store with every request of the user on one replica: what
			// spreading them costs here.
			new Mode("CardStore store, sticky", Map.of(), Balancing.IP_HASH),
			// Every request writes the session (its last access and expiry): the cost of
			// a write.
			new Mode("CardStore store, a write per request", Map.of("cardstore.session.touch-interval", "0s"),
					Balancing.ROUND_ROBIN),
			// The same with the user's requests on one replica: the write's cost beside
			// the in-memory baseline's routing.
			new Mode("CardStore store, sticky, a write per request", Map.of("cardstore.session.touch-interval", "0s"),
					Balancing.IP_HASH),
			new Mode("Spring Session indexed", Map.of("cardstore.session.repository", "spring-session"),
					Balancing.ROUND_ROBIN),
			// Spring Boot's default Redis repository: no index of a user's sessions, what
			// most applications run.
			new Mode("Spring Session default",
					Map.of("cardstore.session.repository", "spring-session",
							"spring.session.data.redis.repository-type", "default"),
					Balancing.ROUND_ROBIN),
			IN_MEMORY_STICKY);

	/**
	 * From a page that reads nothing but the session to pages and calls that read
	 * DynamoDB too.
	 */
	static final List<Load> LOADS = List.of(new Load("Session only: GET /cards/new", "/cards/new", "text/html"),
			new Load("Page: GET /dashboard", "/dashboard", "text/html"),
			new Load("API: GET /api/cards", "/api/cards", "application/json"));

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	/**
	 * Every load before any is measured, in every mode alike: the replicas run C2, as the
	 * image does, which compiles the hot code only after thousands of requests; and the
	 * emulators are JVMs too.
	 */
	private static final Duration MODE_WARM_UP = Duration.ofSeconds(20);

	private static final Duration DURATION = Duration.ofSeconds(8);

	/** Tomcat's cookie when Spring Session does not replace it. */
	private static final List<String> SESSION_COOKIES = List.of("SESSION", "JSESSIONID");

	/** Spring Boot's failure analysis in the log of a replica that did not start. */
	private static final Pattern FAILURE_DESCRIPTION = Pattern.compile("Description:\\s*(.+?)\\s*Action:",
			Pattern.DOTALL);

	private SessionBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		long started = System.nanoTime();
		Wrk wrk = Wrk.find();
		String machine = machine();
		List<Row> rows = new ArrayList<>();
		System.out.println(BackingServices.describeStart());
		try (BackingServices services = BackingServices.start(RedisOptions.defaults());
				RedisMeter redis = new RedisMeter(services.redis())) {
			for (Mode mode : modes(System.getProperty("cardstore.benchmark.modes", ""))) {
				rows.addAll(run(mode, services, redis, wrk));
			}
		}
		String report = """
				Measured %s. Two replicas from the built jar, with the image's JVM options (C2, the parallel \
				collector) and a 384 MB heap, behind nginx; in each mode every load runs %d s to warm up, then each \
				load `%s` through nginx after %d s of warm-up, with one logged-in user's session cookie; CPU time \
				per request from the operating system; ratios against the %s row of the same load.

				%s""".formatted(machine, MODE_WARM_UP.toSeconds(), Wrk.commandLine(DURATION), WARM_UP.toSeconds(),
				IN_MEMORY_STICKY.name(), new ResultTable(rows, IN_MEMORY_STICKY.name()).markdown());
		Path file = Path.of(System.getProperty("cardstore.benchmark.report", "target/session-benchmark.md"));
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
		System.out.println("Written to " + file + "; the benchmark took "
				+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
	}

	/**
	 * The modes whose names contain a match of the pattern (all of them for an empty
	 * one), and the baseline of the ratios in every case.
	 */
	static List<Mode> modes(String pattern) {
		Pattern chosen = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
		return MODES.stream().filter(mode -> mode == IN_MEMORY_STICKY || chosen.matcher(mode.name()).find()).toList();
	}

	/** The loads whose names contain a match of the pattern (all for an empty one). */
	static List<Load> loads(String pattern) {
		Pattern chosen = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
		return LOADS.stream().filter(load -> chosen.matcher(load.name()).find()).toList();
	}

	/**
	 * One mode: its replicas and nginx start, serve every load, and stop; a failure is a
	 * row.
	 */
	private static List<Row> run(Mode mode, BackingServices services, RedisMeter redis, Wrk wrk) {
		System.out.println(mode.name() + ": starting two replicas...");
		Map<String, String> properties = new LinkedHashMap<>(services.connectionProperties());
		properties.putAll(mode.properties());
		int nginxPort = NativeProcess.freePort();
		properties.put("cardstore.public-url", "http://localhost:" + nginxPort);
		// The modes choose the session store by properties that decide which beans exist,
		// which the bean definitions
		// generated at build time (Spring AOT) would have fixed: every mode's replicas
		// work them out at startup.
		try (Replica a = Replica.asInTheImage("replica-a", properties, false);
				Replica b = Replica.asInTheImage("replica-b", properties, false)) {
			Replica.startTogether(List.of(a, b));
			try (NginxServer nginx = NginxServer.start(List.of(a.address(), b.address()), nginxPort,
					mode.balancing())) {
				LoggedIn user = LoggedIn.through(nginx, services);
				System.out.println("  warming up...");
				for (Load load : LOADS) {
					wrk.run(user.wrkUrl() + load.path(), load.wrkScript(user.cookie()), MODE_WARM_UP);
				}
				List<Row> rows = new ArrayList<>();
				for (Load load : loads(System.getProperty("cardstore.benchmark.loads", ""))) {
					rows.add(measure(mode, load, user, redis, wrk));
				}
				// Once all loads have used the session, which may grow as they do.
				OptionalLong bytes = redis.sessionBytes(user.cookieValue());
				String sessionBytes = bytes.isPresent() ? Long.toString(bytes.getAsLong()) : "n/a";
				return rows.stream().map(row -> row.withSessionBytes(sessionBytes)).toList();
			}
		}
		catch (RuntimeException | AssertionError ex) {
			System.out.println(mode.name() + " failed: " + reason(ex));
			return List.of(Row.failed(mode.name(), "(did not run)", reason(ex)));
		}
	}

	/** The load, warmed up, then measured; a failure is a row with the reason. */
	private static Row measure(Mode mode, Load load, LoggedIn user, RedisMeter redis, Wrk wrk) {
		try {
			load.check(user.browser(), user.storeUrl());
			String url = user.wrkUrl() + load.path();
			String script = load.wrkScript(user.cookie());
			wrk.run(url, script, WARM_UP);
			long callsBefore = redis.commandCalls();
			ProcessCpu cpuBefore = ProcessCpu.now();
			Wrk.Result result = wrk.run(url, script, DURATION);
			ProcessCpu cpu = ProcessCpu.now().since(cpuBefore);
			long calls = redis.commandCalls() - callsBefore;
			// wrk counts a redirect to the login page as a success: the user must still
			// be logged in.
			load.check(user.browser(), user.storeUrl());
			Measurement measurement = Measurement.of(result, calls, cpu);
			System.out.printf(
					"  %s: %.0f requests/s, p99 %.2f ms, %d errors, %.2f Redis commands/request, CPU ms/request %.2f (replicas %.2f)%n",
					load.name(), result.requestsPerSecond(), result.p99Millis(), result.errors(),
					measurement.redisCommandsPerRequest(), measurement.cpuMillisPerRequest(),
					measurement.replicaCpuMillisPerRequest());
			return new Row(mode.name(), load.name(), measurement, null, null);
		}
		catch (RuntimeException ex) {
			System.out.println("  " + load.name() + " failed: " + reason(ex));
			return Row.failed(mode.name(), load.name(), reason(ex));
		}
	}

	/** The reason of a failure, short enough for a table cell. */
	private static String reason(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		Matcher description = FAILURE_DESCRIPTION.matcher(message);
		String reason = description.find() ? description.group(1) : message.lines().findFirst().orElse(message);
		reason = reason.replaceAll("\\s+", " ").trim();
		return (reason.length() > 300) ? reason.substring(0, 300) + "..." : reason;
	}

	/** When and on what the benchmark ran. */
	static String machine() {
		return "%s on nproc %d, %s, JVM %s %s".formatted(LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES),
				Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
				System.getProperty("java.runtime.version"));
	}

	private static String cpuModel() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	/**
	 * A session store to measure.
	 *
	 * @param name as the table names it
	 * @param properties what the replicas get on top of the backing services' connection
	 * properties
	 * @param balancing how nginx spreads the requests over the two replicas
	 */
	record Mode(String name, Map<String, String> properties, Balancing balancing) {
	}

	/**
	 * The user the loads run as, logged in through nginx.
	 *
	 * @param browser the client that logged in, for the checks around each run
	 * @param storeUrl nginx's address, as the browser uses it
	 * @param wrkUrl nginx's address for wrk, on the loopback address
	 * @param cookieName {@code SESSION} (Spring Session's) or {@code JSESSIONID}
	 * (Tomcat's)
	 * @param cookieValue the session cookie
	 */
	record LoggedIn(WebClient browser, String storeUrl, String wrkUrl, String cookieName, String cookieValue) {

		/**
		 * Registers, activates and logs a new user in through nginx, as the cluster tests
		 * do.
		 */
		static LoggedIn through(NginxServer nginx, BackingServices services) {
			WebClient browser = WebClient.registeredAndLoggedIn(nginx.url(), services.mail());
			String cookieName = SESSION_COOKIES.stream()
				.filter(name -> browser.cookie(name) != null)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No session cookie after login"));
			return new LoggedIn(browser, nginx.url(), "http://127.0.0.1:" + nginx.port(), cookieName,
					browser.cookie(cookieName));
		}

		String cookie() {
			return this.cookieName + "=" + this.cookieValue;
		}

	}

}
