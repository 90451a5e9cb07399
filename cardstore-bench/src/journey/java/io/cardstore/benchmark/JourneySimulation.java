package io.cardstore.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.benchmark.SessionBenchmark.Mode;
import io.cardstore.testing.backing.BackingServices;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.nginx.NginxServer.Balancing;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.web.TestAccounts;
import io.cardstore.local.PackagedApplication;
import io.cardstore.local.Replica;
import io.cardstore.web.cluster.WebClient;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * A person's visit to the store, played by Gatling's virtual users against two replicas
 * from the built jar behind nginx, for one session store
 * ({@code -Dcardstore.journey.mode}): each user logs in (landing on the dashboard), opens
 * the market and its second page, puts one of its cards on sale, buys another user's,
 * opens the sessions page and logs out, with a think time between steps
 * ({@link JourneyVisit}), again and again for the run's duration. A closed model: a fixed
 * number of users (arriving over the first ten seconds), each starting its next visit
 * when the last one ends.
 * <p>
 * Before the run the users register and activate through the store's pages and add their
 * cards through its API (some put on sale, so that the market has a second page), and the
 * same visits warm the replicas up until their JIT compilers have settled
 * ({@link JourneyWarmUp}). After the run, every balance is read through the store, and
 * the total must be what it was: a trade moves money, it never makes or loses any. What
 * the report needs beside Gatling's own figures (Redis commands, the money) goes to
 * {@code <mode>.properties} beside Gatling's results.
 */
public class JourneySimulation extends Simulation {

	static final Map<String, Mode> MODES = Map.of("store", new Mode("CardStore store", Map.of(), Balancing.ROUND_ROBIN),
			"spring-session",
			new Mode("Spring Session default",
					Map.of("cardstore.session.repository", "spring-session",
							"spring.session.data.redis.repository-type", "default"),
					Balancing.ROUND_ROBIN),
			// Each virtual user pinned to one replica by its X-Client-Id, as a stickiness
			// cookie pins a browser.
			"in-memory",
			new Mode("In-memory, sticky", SessionBenchmark.IN_MEMORY_STICKY.properties(), Balancing.CLIENT_HASH));

	static final String MODE = System.getProperty("cardstore.journey.mode", "store");

	static final int USERS = Integer.getInteger("cardstore.journey.users", 24);

	static final Duration DURATION = Duration.ofSeconds(Long.getLong("cardstore.journey.seconds", 60));

	static final Duration RAMP = Duration.ofSeconds(10);

	/**
	 * Cards each user has on sale from the start: the market's first page (24 cards) and
	 * more of the second.
	 */
	static final int LISTED = Math.max(2, (2 * 24 + USERS - 1) / USERS);

	/** Cards each user starts with, the {@link #LISTED} ones among them. */
	static final int CARDS = LISTED + 4;

	static final String PRICE = "1.00";

	private static final Pattern BALANCE = Pattern.compile("id=\"balance\">(-?[0-9,.]+)<");

	private final Mode mode = MODES.get(MODE);

	private final int nginxPort = NativeProcess.freePort();

	private final List<String> usernames = new ArrayList<>();

	private BackingServices services;

	private RedisMeter redis;

	private Replica replicaA;

	private Replica replicaB;

	private NginxServer nginx;

	private long moneyBefore;

	private long redisCallsBefore;

	private ProcessCpu cpuBefore;

	private long setupRequests;

	private long startedAt;

	public JourneySimulation() {
		if (this.mode == null) {
			throw new IllegalArgumentException("cardstore.journey.mode must be one of " + MODES.keySet());
		}
		HttpProtocolBuilder protocol = http.baseUrl("http://127.0.0.1:" + this.nginxPort)
			.acceptHeader("text/html")
			.header("X-Client-Id", "#{username}")
			.disableUrlEncoding()
			.disableCaching();
		ScenarioBuilder visits = scenario("Visit").feed(users())
			.during(DURATION)
			.on(JourneyVisit.of(PRICE, MODE.equals("store")));
		// The users arrive over the first seconds, as people do, not in one burst of
		// password hashes.
		setUp(visits.injectOpen(rampUsers(USERS).during(RAMP))).protocols(protocol);
	}

	/** Each virtual user its own account, made before the run. */
	private Iterator<Map<String, Object>> users() {
		AtomicInteger next = new AtomicInteger();
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return next.get() < JourneySimulation.this.usernames.size();
			}

			@Override
			public Map<String, Object> next() {
				return Map.of("username", JourneySimulation.this.usernames.get(next.getAndIncrement()));
			}

		};
	}

	@Override
	public void before() {
		try {
			// A run that fails leaves no figures behind for the report to take as its
			// own.
			Files.deleteIfExists(figuresFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println(this.mode.name() + ": " + BackingServices.describeStart());
		this.services = BackingServices.start(RedisOptions.defaults());
		this.redis = new RedisMeter(this.services.redis());
		Map<String, String> properties = new LinkedHashMap<>(this.services.connectionProperties());
		properties.putAll(this.mode.properties());
		properties.put("cardstore.public-url", "http://localhost:" + this.nginxPort);
		// Every virtual user registers from this machine's one address.
		properties.put("cardstore.mail-requests.per-address", Integer.toString(USERS * 2));
		this.replicaA = Replica.asInTheImage("replica-a", properties, false);
		this.replicaB = Replica.asInTheImage("replica-b", properties, false);
		Replica.startTogether(List.of(this.replicaA, this.replicaB));
		this.nginx = NginxServer.start(List.of(this.replicaA.address(), this.replicaB.address()), this.nginxPort,
				this.mode.balancing());
		String store = this.nginx.url();
		System.out.println("  registering " + USERS + " users with " + CARDS + " cards each...");
		for (int user = 0; user < USERS; user++) {
			WebClient client = WebClient.registeredAndLoggedIn(store, this.services.mail());
			for (int card = 0; card < CARDS; card++) {
				String name = client.username() + "-" + card;
				check(client.postJson(store + "/api/cards", "{\"name\":\"" + name + "\"}", store + "/cards")
					.statusCode(), 201, "adding a card");
				if (card < LISTED) {
					check(client
						.post(store + "/cards/sale",
								Map.of("name", name, "price", PRICE, "_csrf", client.csrfToken(store + "/cards")))
						.statusCode(), 302, "putting a card on sale");
				}
			}
			this.usernames.add(client.username());
		}
		List<String> entrances = List.of(store);
		if (this.mode.balancing() == Balancing.CLIENT_HASH) {
			entrances = List.of(this.replicaA.url(), this.replicaB.url());
		}
		JourneyWarmUp.run(entrances, this.usernames, List.of(this.replicaA, this.replicaB), PRICE);
		this.moneyBefore = totalBalance(store);
		this.setupRequests = this.nginx.accessLog().lines().count();
		this.redisCallsBefore = this.redis.commandCalls();
		this.cpuBefore = ProcessCpu.now();
		this.startedAt = System.nanoTime();
		System.out.println("  " + USERS + " users for " + DURATION.toSeconds() + " s...");
	}

	@Override
	public void after() {
		try {
			// Before the balances are read, which logs every user in once more.
			ProcessCpu cpu = ProcessCpu.now().since(this.cpuBefore);
			long redisCalls = this.redis.commandCalls() - this.redisCallsBefore;
			long millis = Duration.ofNanos(System.nanoTime() - this.startedAt).toMillis();
			// How nginx spread the requests: even round robin, as the hash fell with
			// sticky routing.
			List<String> visits = this.nginx.accessLog().lines().skip(this.setupRequests).toList();
			long servedByA = servedBy(this.replicaA, visits);
			long servedByB = servedBy(this.replicaB, visits);
			long moneyAfter = totalBalance(this.nginx.url());
			System.out.printf("  money before %d, after %d cents; %d Redis commands%n", this.moneyBefore, moneyAfter,
					redisCalls);
			Properties figures = new Properties();
			figures.setProperty("mode", this.mode.name());
			figures.setProperty("users", Integer.toString(USERS));
			figures.setProperty("seconds", Long.toString(DURATION.toSeconds()));
			figures.setProperty("millis", Long.toString(millis));
			figures.setProperty("redisCommands", Long.toString(redisCalls));
			cpu.byRole().forEach((role, used) -> figures.setProperty("cpu." + role, Long.toString(used.toMillis())));
			figures.setProperty("moneyBefore", Long.toString(this.moneyBefore));
			figures.setProperty("moneyAfter", Long.toString(moneyAfter));
			figures.setProperty("machine", SessionBenchmark.machine());
			figures.setProperty("replicaJava", PackagedApplication.prepare().javaVersion());
			figures.setProperty("split", Math.round(100.0 * servedByA / Math.max(1, servedByA + servedByB)) + "/"
					+ Math.round(100.0 * servedByB / Math.max(1, servedByA + servedByB)));
			Path file = figuresFile();
			Files.createDirectories(file.getParent());
			try (var out = Files.newBufferedWriter(file)) {
				figures.store(out, "The journey benchmark's own figures for one mode");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.nginx.close();
			this.replicaA.close();
			this.replicaB.close();
			this.redis.close();
			this.services.close();
		}
	}

	private static Path figuresFile() {
		return Path.of(System.getProperty("cardstore.benchmark.results", "target/gatling"), MODE + ".properties");
	}

	/** The visits' requests nginx sent to a replica, by the upstream its log names. */
	private static long servedBy(Replica replica, List<String> accessLog) {
		return accessLog.stream().filter(line -> line.contains("upstream=" + replica.address() + " ")).count();
	}

	/** Every user's balance, as the dashboard shows it, added up in cents. */
	private long totalBalance(String store) {
		long total = 0;
		for (String username : this.usernames) {
			WebClient client = WebClient.loggedIn(store, username, TestAccounts.PASSWORD);
			String page = client.get(store + "/dashboard").body();
			Matcher balance = BALANCE.matcher(page);
			if (!balance.find()) {
				throw new IllegalStateException("No balance on " + username + "'s dashboard");
			}
			total += Math.round(Double.parseDouble(balance.group(1).replace(",", "")) * 100);
		}
		return total;
	}

	private static void check(int status, int expected, String what) {
		if (status != expected) {
			throw new IllegalStateException(what + " answered " + status + ", not " + expected);
		}
	}

}
