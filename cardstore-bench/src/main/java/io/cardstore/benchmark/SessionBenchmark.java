package io.cardstore.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cardstore.benchmark.ResultTable.Errors;
import io.cardstore.benchmark.ResultTable.Measurement;
import io.cardstore.benchmark.ResultTable.Ratios;
import io.cardstore.benchmark.ResultTable.Row;
import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.nginx.NginxServer.Balancing;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.local.Replica;
import io.cardstore.web.cluster.WebClient;
import org.jspecify.annotations.Nullable;

/**
 * What keeping the HTTP sessions in Redis costs: for each session store in
 * {@link #MODES}, two replicas from the built jar behind nginx, one logged-in user, and
 * each of the {@link #LOADS} driven by wrk, in turns with the same load on the baseline,
 * sessions kept in the replicas' memory ({@link #IN_MEMORY_STICKY}), whose replicas run
 * throughout. Prints a Markdown table (throughput, latency, errors, Redis commands per
 * request, the session's size in Redis, and ratios against the baseline's turns) and
 * writes it to {@code target/session-benchmark.md}.
 * <p>
 * A command, not a test:
 * {@code ./mvnw -q -pl cardstore-bench -am package -DskipTests -Psession-benchmark} (see
 * the README). Its numbers depend on the machine, so nothing here asserts any.
 */
public final class SessionBenchmark {

	/**
	 * Tomcat's own sessions, with nginx's {@code ip_hash}: wrk is one client, so one
	 * replica serves all its requests, as sticky sessions do. The baseline of the ratios.
	 */
	static final Mode IN_MEMORY_STICKY = new Mode(
			"In-memory, sticky", Map
				.of("spring.autoconfigure.exclude",
						"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration,"
								+ "io.cardstore.session.CardStoreSessionRepositoryAutoConfiguration"),
			Balancing.IP_HASH);

	/** The session stores compared with the baseline. */
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
			new Mode("Spring Session default", Map.of("cardstore.session.repository", "spring-session",
					"spring.session.data.redis.repository-type", "default"), Balancing.ROUND_ROBIN));

	/**
	 * From a page that reads nothing but the session to pages and calls that read
	 * DynamoDB too.
	 */
	static final List<Load> LOADS = List.of(new Load("Session only: GET /cards/new", "/cards/new", "text/html"),
			new Load("Page: GET /dashboard", "/dashboard", "text/html"),
			new Load("API: GET /api/cards", "/api/cards", "application/json"));

	/**
	 * Each load runs this many turns on a mode, each after a turn of the baseline: on a
	 * small machine, one run can differ from the next by more than the stores differ, and
	 * a turn's p99 by a collection or two.
	 */
	static final int TURNS = 5;

	/**
	 * Before each turn: the replicas that take over have been idle while the others ran.
	 */
	private static final Duration WARM_UP = Duration.ofSeconds(2);

	/**
	 * Every load runs this long in each round of a cluster's warm-up, before any is
	 * measured: the replicas run C2, as the image does, which compiles the hot code only
	 * after thousands of requests, and until it has, they run slower code; the emulators
	 * are JVMs too.
	 */
	private static final Duration WARM_UP_ROUND = Duration.ofSeconds(10);

	private static final Duration DURATION = Duration.ofSeconds(5);

	private static final ToDoubleFunction<Wrk.Result> THROUGHPUT = Wrk.Result::requestsPerSecond;

	private static final ToDoubleFunction<Wrk.Result> P99 = Wrk.Result::p99Millis;

	/**
	 * The paced turns' rate, as a share of the baseline's throughput on the load: below
	 * saturation for every store measured, so that p99 compares the stores at one load
	 * rather than their queues (at saturation, a closed model's latency is its
	 * connections divided by its throughput).
	 */
	private static final double PACED_SHARE = 0.5;

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
		List<Mode> modes = chosen(MODES, Mode::name, System.getProperty("cardstore.benchmark.modes", ""));
		List<Load> loads = chosen(LOADS, Load::name, System.getProperty("cardstore.benchmark.loads", ""));
		List<Row> rows = new ArrayList<>();
		Baseline baseline;
		System.out.println(BackingServices.describeStart());
		try (BackingServices services = BackingServices.start(RedisOptions.defaults());
				RedisMeter redis = new RedisMeter(services.redis())) {
			System.out.println(IN_MEMORY_STICKY.name() + ": starting two replicas...");
			try (Cluster cluster = Cluster.start(IN_MEMORY_STICKY, "baseline", services, wrk)) {
				baseline = new Baseline(cluster);
				for (Mode mode : modes) {
					rows.addAll(run(mode, baseline, loads, services, redis, wrk));
				}
			}
		}
		baseline.loads.forEach((load, turns) -> rows
			.add(new Row(IN_MEMORY_STICKY.name(), load.name(), median(turns.full(), THROUGHPUT), null,
					median(turns.paced(), P99), Errors.of(turns.full(), turns.paced()), "n/a", null)));
		String report = """
				Measured %s. Two replicas from the built jar, with the image's JVM options (C2, the parallel \
				collector) and a 384 MB heap, behind nginx, for each mode and for the baseline (%s), which runs \
				throughout; each cluster warms up in rounds of every load for %d s each, until its JIT compilers \
				take less than %.0f%% of a round (at most %d rounds); then each load runs %d turns of \
				`%s` through nginx, each after %d s of warm-up and after a turn on the baseline, with one \
				logged-in user's session cookie. Each row gives the turn of median throughput, and the baseline's \
				row the median of all its turns. Then as many paced turns, the same on every cluster: each \
				connection waits after a response, so that the 16 send about %.0f%% of the baseline's throughput \
				on the load (wrk's `delay()`); the paced columns give the turn of median p99. Each ratio is the \
				median, over a row's turns, of a turn's figure against the baseline's turn run just before it. \
				CPU time per request from the operating system, of the mode's processes \
				(the idle replicas of the other are not counted).

				%s""".formatted(machine, IN_MEMORY_STICKY.name(), WARM_UP_ROUND.toSeconds(),
				JitCompilation.SETTLED * 100, JitCompilation.MAX_ROUNDS, TURNS, Wrk.commandLine(DURATION),
				WARM_UP.toSeconds(), PACED_SHARE * 100, new ResultTable(rows, IN_MEMORY_STICKY.name()).markdown());
		Path file = Path.of(System.getProperty("cardstore.benchmark.report", "target/session-benchmark.md"));
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, report);
		System.out.println();
		System.out.println(report);
		System.out.println("Written to " + file + "; the benchmark took "
				+ Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s.");
	}

	/**
	 * The items whose names contain a match of the pattern, case aside (all of them for
	 * an empty one).
	 */
	static <T> List<T> chosen(List<T> items, Function<T, String> name, String pattern) {
		Pattern chosen = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
		return items.stream().filter(item -> chosen.matcher(name.apply(item)).find()).toList();
	}

	/**
	 * One mode: its replicas and nginx start, serve every load in turns with the
	 * baseline, and stop; a failure is a row.
	 */
	private static List<Row> run(Mode mode, Baseline baseline, List<Load> loads, BackingServices services,
			RedisMeter redis, Wrk wrk) {
		System.out.println(mode.name() + ": starting two replicas...");
		try (Cluster cluster = Cluster.start(mode, "replica", services, wrk)) {
			List<Row> rows = new ArrayList<>();
			for (Load load : loads) {
				rows.add(compare(cluster, baseline, load, redis, wrk));
			}
			// Once all loads have used the session, which may grow as they do.
			OptionalLong bytes = redis.sessionBytes(cluster.user().cookieValue());
			String sessionBytes = bytes.isPresent() ? Long.toString(bytes.getAsLong()) : "n/a";
			return rows.stream().map(row -> row.withSessionBytes(sessionBytes)).toList();
		}
		catch (RuntimeException | AssertionError ex) {
			System.out.println(mode.name() + " failed: " + reason(ex));
			return List.of(Row.failed(mode.name(), "(did not run)", reason(ex)));
		}
	}

	/**
	 * A load in turns on the baseline and on the mode, at full speed and then paced; a
	 * failure is a row with the reason.
	 */
	private static Row compare(Cluster cluster, Baseline baseline, Load load, RedisMeter redis, Wrk wrk) {
		try {
			String script = load.wrkScript(cluster.user().cookie());
			String baselineScript = load.wrkScript(baseline.cluster.user().cookie());
			List<Measurement> turns = new ArrayList<>();
			List<Measurement> alongside = new ArrayList<>();
			for (int turn = 0; turn < TURNS; turn++) {
				alongside.add(measure(baseline.cluster, load, baselineScript, redis, wrk));
				turns.add(measure(cluster, load, script, redis, wrk));
			}
			// One rate per load for every mode: the first comparison's baseline sets it.
			Baseline.Turns baselineTurns = baseline.of(load, alongside);
			baselineTurns.full().addAll(alongside);
			double rate = baselineTurns.pacedRate();
			List<Measurement> paced = new ArrayList<>();
			List<Measurement> pacedAlongside = new ArrayList<>();
			for (int turn = 0; turn < TURNS; turn++) {
				pacedAlongside.add(measure(baseline.cluster, load, Wrk.paced(baselineScript, rate), redis, wrk));
				paced.add(measure(cluster, load, Wrk.paced(script, rate), redis, wrk));
			}
			baselineTurns.paced().addAll(pacedAlongside);
			Measurement median = median(turns, THROUGHPUT);
			Measurement pacedMedian = median(paced, P99);
			Ratios ratios = Ratios.of(turns, alongside, paced, pacedAlongside);
			Errors errors = Errors.of(turns, paced);
			System.out.printf(Locale.ROOT,
					"  %s: %.0f requests/s (turns %s; baseline %s), p99 %.2f ms (turns %s; baseline %s), errors in all turns %s, %.2f Redis commands/request, "
							+ "CPU ms/request %.2f (replicas %.2f); paced at %.0f requests/s: p99 %.2f ms "
							+ "(p99s %s; baseline %s); against the baseline %.2fx throughput, %.2fx p99, "
							+ "%.2fx paced p99%n",
					load.name(), median.wrk().requestsPerSecond(), throughputs(turns), throughputs(alongside),
					median.wrk().p99Millis(), p99s(turns), p99s(alongside), errors.cell(),
					median.redisCommandsPerRequest(), median.cpuMillisPerRequest(), median.replicaCpuMillisPerRequest(),
					pacedMedian.wrk().requestsPerSecond(), pacedMedian.wrk().p99Millis(), p99s(paced),
					p99s(pacedAlongside), ratios.throughput(), ratios.p99(), ratios.pacedP99());
			return new Row(cluster.mode().name(), load.name(), median, ratios, pacedMedian, errors, null, null);
		}
		catch (RuntimeException ex) {
			System.out.println("  " + load.name() + " failed: " + reason(ex));
			return Row.failed(cluster.mode().name(), load.name(), reason(ex));
		}
	}

	/**
	 * One turn of a load on a cluster, with this wrk script, warmed up first; fails if
	 * the user was lost.
	 */
	private static Measurement measure(Cluster cluster, Load load, String script, RedisMeter redis, Wrk wrk) {
		LoggedIn user = cluster.user();
		load.check(user.browser(), user.storeUrl());
		String url = user.wrkUrl() + load.path();
		wrk.run(url, script, WARM_UP);
		long callsBefore = redis.commandCalls();
		ProcessCpu cpuBefore = ProcessCpu.now(cluster.replicaIds());
		Wrk.Result result = wrk.run(url, script, DURATION);
		ProcessCpu cpu = ProcessCpu.now(cluster.replicaIds()).since(cpuBefore);
		long calls = redis.commandCalls() - callsBefore;
		// wrk counts a redirect to the login page as a success: the user must still be
		// logged in.
		load.check(user.browser(), user.storeUrl());
		return Measurement.of(result, calls, cpu);
	}

	/**
	 * The turn of median throughput, or of median p99 for paced turns, whose throughputs
	 * differ little.
	 */
	static Measurement median(List<Measurement> turns, ToDoubleFunction<Wrk.Result> by) {
		List<Measurement> sorted = turns.stream()
			.sorted(Comparator.comparingDouble(turn -> by.applyAsDouble(turn.wrk())))
			.toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String throughputs(List<Measurement> turns) {
		return figures(turns, THROUGHPUT, "%.0f");
	}

	private static String p99s(List<Measurement> turns) {
		return figures(turns, P99, "%.1f");
	}

	private static String figures(List<Measurement> turns, ToDoubleFunction<Wrk.Result> figure, String format) {
		return turns.stream()
			.map(turn -> String.format(Locale.ROOT, format, figure.applyAsDouble(turn.wrk())))
			.collect(Collectors.joining(", "));
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
	 * A mode's two replicas and nginx, warmed up, with the user the loads run as.
	 *
	 * @param mode the session store
	 * @param replicaIds the prefix of the replicas' instance ids
	 * @param a a replica
	 * @param b the other
	 * @param nginx in front of both
	 * @param user logged in through nginx
	 */
	record Cluster(Mode mode, String replicaIds, Replica a, Replica b, NginxServer nginx,
			LoggedIn user) implements AutoCloseable {

		/**
		 * Starts both replicas and nginx, logs a user in, and runs every load to warm up.
		 */
		static Cluster start(Mode mode, String replicaIds, BackingServices services, Wrk wrk) {
			Map<String, String> properties = new LinkedHashMap<>(services.connectionProperties());
			properties.putAll(mode.properties());
			int nginxPort = NativeProcess.freePort();
			properties.put("cardstore.public-url", "http://localhost:" + nginxPort);
			// The modes choose the session store by properties that decide which beans
			// exist, which the bean definitions generated at build time (Spring AOT)
			// would have fixed: every mode's replicas work them out at startup.
			Replica a = Replica.asInTheImage(replicaIds + "-a", properties, false);
			Replica b = Replica.asInTheImage(replicaIds + "-b", properties, false);
			NginxServer nginx = null;
			try {
				Replica.startTogether(List.of(a, b));
				nginx = NginxServer.start(List.of(a.address(), b.address()), nginxPort, mode.balancing());
				Cluster cluster = new Cluster(mode, replicaIds, a, b, nginx, LoggedIn.through(nginx, services));
				cluster.warmUp(wrk);
				return cluster;
			}
			catch (RuntimeException | Error ex) {
				closeQuietly(nginx, b, a);
				throw ex;
			}
		}

		/**
		 * Runs every load in rounds until the replicas' JIT compilers have settled.
		 */
		private void warmUp(Wrk wrk) {
			JitCompilation.warmUp(List.of(this.a, this.b), () -> {
				for (Load load : LOADS) {
					wrk.run(this.user.wrkUrl() + load.path(), load.wrkScript(this.user.cookie()), WARM_UP_ROUND);
				}
			});
		}

		@Override
		public void close() {
			closeQuietly(this.nginx, this.b, this.a);
		}

		private static void closeQuietly(@Nullable AutoCloseable... started) {
			for (AutoCloseable resource : started) {
				try {
					if (resource != null) {
						resource.close();
					}
				}
				catch (Exception ex) {
					System.out.println("  could not stop " + resource + ": " + ex.getMessage());
				}
			}
		}

	}

	/**
	 * The baseline's cluster, which runs throughout, and its turns beside the modes', per
	 * load.
	 */
	static final class Baseline {

		private final Cluster cluster;

		private final Map<Load, Turns> loads = new LinkedHashMap<>();

		Baseline(Cluster cluster) {
			this.cluster = cluster;
		}

		/**
		 * The baseline's turns of a load, created with the paced rate from the first
		 * comparison's turns.
		 */
		Turns of(Load load, List<Measurement> firstTurns) {
			return this.loads.computeIfAbsent(load,
					any -> new Turns(median(firstTurns, THROUGHPUT).wrk().requestsPerSecond() * PACED_SHARE,
							new ArrayList<>(), new ArrayList<>()));
		}

		/**
		 * The baseline's turns of one load beside every mode's.
		 *
		 * @param pacedRate the paced turns' requests per second, the same for every mode
		 * @param full the turns at full speed
		 * @param paced the paced turns
		 */
		record Turns(double pacedRate, List<Measurement> full, List<Measurement> paced) {
		}

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
