package io.cardstore.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisCommandCounter;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What each kind of request costs in Redis, counted by the server itself: nothing when
 * the session is cached and unchanged, one read on a miss, one script on a change (and
 * the user's index when the session is new, gets a new id or another user), and the last
 * access written at most once per touch interval, telling no other replica.
 */
class SessionRoundTripsIT {

	static final Duration TOUCH_INTERVAL = Duration.ofSeconds(2);

	/**
	 * A request does not wait for its touch: the touch is counted once Redis has been
	 * quiet this long.
	 */
	static final Duration SETTLED = Duration.ofMillis(100);

	/** What the store's scripts run inside Redis, besides the scripts themselves. */
	static final Set<String> SCRIPT_COMMANDS = Set.of("evalsha", "eval", "exists", "hset", "hdel", "pexpireat",
			"publish", "zremrangebyscore", "zadd", "zrange", "zcard", "zrem", "del");

	static RedisServer redis;

	static Instance a;

	static Instance b;

	static StringRedisTemplate template;

	static RedisCommandCounter counter;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.touch-interval", TOUCH_INTERVAL.toSeconds() + "s");
		properties.put("cardstore.session.near-cache.max-age", "60s");
		a = Instances.start("instance-a", properties);
		b = Instances.start("instance-b", properties);
		template = a.context().getBean(StringRedisTemplate.class);
		counter = new RedisCommandCounter(() -> template
			.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("commandstats")));
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(b, a, redis);
	}

	@Test
	void aRequestWhoseCachedSessionItDoesNotChangeCostsNoRedisCommand() {
		Browser browser = loggedIn(a);
		Map<String, Long> before = counter.snapshot();

		for (int i = 0; i < 20; i++) {
			assertThat(browser.whoami(a.port())).isNotEqualTo("anonymous");
		}

		assertThat(counter.commandsSince(before)).isEmpty();
	}

	@Test
	void aReplicaThatHasNotSeenTheSessionReadsItOnceThenServesItFromItsCache() {
		Browser browser = loggedIn(a);
		Map<String, Long> before = counter.snapshot();

		String user = browser.whoami(b.port());
		for (int i = 0; i < 10; i++) {
			assertThat(browser.whoami(b.port())).isEqualTo(user);
		}

		assertThat(user).startsWith("user-");
		assertThat(counter.commandsSince(before)).isEqualTo(Map.of("hgetall", 1L));
	}

	@Test
	void aChangeIsOneScriptThatTellsTheOtherReplicas() {
		Browser browser = loggedIn(a);
		Map<String, Long> before = counter.snapshot();

		assertThat(browser.get(a.port(), "/remember?name=colour&value=blue").body()).isEqualTo("ok");

		Map<String, Long> executed = counter.commandsSince(before);
		// The user's index moves once per idle timeout (30 minutes here), so almost never
		// with a change.
		assertThat(executed.get("evalsha")).isBetween(1L, 2L);
		assertThat(executed.keySet()).isSubsetOf(SCRIPT_COMMANDS).doesNotContain("hgetall").contains("publish");
		assertThat(browser.get(b.port(), "/recall?name=colour").body()).isEqualTo("blue");
	}

	@Test
	void theLastAccessIsWrittenAtMostOncePerTouchInterval() throws InterruptedException {
		Browser browser = loggedIn(a);
		long loggedIn = System.nanoTime();
		Map<String, Long> before = counter.snapshot();
		while (System.nanoTime() - loggedIn < TOUCH_INTERVAL.toNanos() / 2) {
			browser.whoami(a.port());
			Thread.sleep(50);
		}
		assertThat(counter.commandsSince(before)).as("requests within the touch interval").isEmpty();

		Thread.sleep(TOUCH_INTERVAL.toMillis());
		before = counter.snapshot();
		browser.whoami(a.port());
		browser.whoami(a.port());

		Map<String, Long> touch = counter.settledCommandsSince(before, SETTLED);
		assertThat(touch).as("one touch, of the session alone, telling no other replica")
			.isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "hset", 1L, "pexpireat", 1L));
	}

	@Test
	void withATouchIntervalOfZeroEachRequestWritesItsLastAccessOnce() throws Exception {
		Instance everyRequest = Instances.start("instance-c", writingEveryRequest());
		try {
			Browser browser = loggedIn(everyRequest);
			Map<String, Long> before = counter.snapshot();

			browser.whoami(everyRequest.port());

			assertThat(counter.settledCommandsSince(before, SETTLED)).as("the session's last access, once")
				.isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "hset", 1L, "pexpireat", 1L));
		}
		finally {
			everyRequest.close();
		}
	}

	/**
	 * A request does not wait for its touch; a touch that finds its session gone (ended
	 * where no notice reached this replica) takes the replica's copy with it, so the next
	 * request is anonymous.
	 */
	@Test
	void aTouchThatFindsItsSessionGoneEndsItOnThisReplica() throws Exception {
		Instance everyRequest = Instances.start("instance-h", writingEveryRequest());
		try {
			Browser browser = loggedIn(everyRequest);
			String user = browser.whoami(everyRequest.port());
			assertThat(template.delete("cardstore:session:{" + browser.sessionId() + "}")).isTrue();

			assertThat(browser.whoami(everyRequest.port())).as("served from the cached copy").isEqualTo(user);

			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> browser.whoami(everyRequest.port()).equals("anonymous"));
			assertThat(template.hasKey("cardstore:session:{" + browser.sessionId() + "}")).isFalse();
		}
		finally {
			everyRequest.close();
		}
	}

	/**
	 * Two replicas round robin, writing the last access on every request: at most four
	 * Redis commands a request in all, and the other replica re-reads nothing, as a touch
	 * leaves its cached copy right to serve.
	 */
	@Test
	void touchesOnOneReplicaCostTheOtherNothing() throws Exception {
		Map<String, String> properties = writingEveryRequest();
		Instance first = Instances.start("instance-d", properties);
		Instance second = Instances.start("instance-e", properties);
		try {
			Browser browser = loggedIn(first);
			// Both replicas have the session cached and listen for notices (which the
			// login sent).
			for (int i = 0; i < 10; i++) {
				browser.whoami(((i % 2) == 0) ? first.port() : second.port());
			}
			Thread.sleep(200);
			Map<String, Long> before = counter.snapshot();

			int requests = 100;
			for (int i = 0; i < requests; i++) {
				assertThat(browser.whoami(((i % 2) == 0) ? first.port() : second.port())).startsWith("user-");
			}

			Map<String, Long> executed = counter.settledCommandsSince(before, SETTLED);
			long total = executed.values().stream().mapToLong(Long::longValue).sum();
			assertThat(executed).doesNotContainKeys("hgetall", "publish");
			assertThat((double) total / requests).as("Redis commands per request: " + executed)
				.isLessThanOrEqualTo(4.0);
		}
		finally {
			Instances.closeAll(second, first);
		}
	}

	/**
	 * A replica whose copy of a session is older than the touches another replica wrote
	 * (no notice came) does not take the session for expired on its copy's word: it asks
	 * Redis.
	 */
	@Test
	void aCopyThatLooksExpiredIsCheckedAgainstRedis() throws Exception {
		Map<String, String> properties = writingEveryRequest();
		properties.put("spring.session.timeout", "2s");
		Instance first = Instances.start("instance-f", properties);
		Instance second = Instances.start("instance-g", properties);
		try {
			Browser browser = loggedIn(first);
			String user = browser.whoami(second.port());
			long started = System.nanoTime();
			// Kept alive on the first replica alone, past the idle timeout of the
			// second's copy.
			while (System.nanoTime() - started < Duration.ofSeconds(3).toNanos()) {
				assertThat(browser.whoami(first.port())).isEqualTo(user);
				Thread.sleep(200);
			}

			assertThat(browser.whoami(second.port())).isEqualTo(user);
		}
		finally {
			Instances.closeAll(second, first);
		}
	}

	@Test
	void aCookieThatIsNotASessionIdNeverReachesRedis() {
		String realId = loggedIn(a).sessionId();
		Map<String, Long> before = counter.snapshot();

		for (String forged : new String[] { "expires:" + realId,
				Base64.getEncoder().encodeToString(("expires:" + realId).getBytes(StandardCharsets.UTF_8)),
				realId + "x", realId.substring(1), "../../" + realId.substring(6), UUID.randomUUID().toString() }) {
			assertThat(new Browser("Forger").withSession(forged).whoami(a.port())).isEqualTo("anonymous");
		}

		assertThat(counter.commandsSince(before)).isEmpty();
	}

	@Test
	void aHundredSessionCookiesInOneRequestCostAtMostTwoReadsEach() throws Exception {
		StringBuilder cookies = new StringBuilder();
		for (int i = 0; i < 100; i++) {
			cookies.append(Browser.COOKIE).append('=').append(SessionIds.next()).append("; ");
		}
		Map<String, Long> before = counter.snapshot();

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + a.port() + "/whoami"))
				.header("Cookie", cookies.toString())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("anonymous");
		// Two ids, each looked up when the request asks for its session and again when it
		// ends.
		assertThat(counter.commandsSince(before).getOrDefault("hgetall", 0L)).isLessThanOrEqualTo(4L);
	}

	@Test
	void theAbsoluteLifetimeCountsFromTheLoginNotFromTheVisitBeforeIt() throws InterruptedException {
		Browser browser = new Browser("Firefox");
		browser.csrfToken(a.port());
		Thread.sleep(100);
		long loginStarted = System.currentTimeMillis();

		browser.login(a.port(), "user-" + UUID.randomUUID().toString().substring(0, 8));

		Object created = template.opsForHash().get("cardstore:session:{" + browser.sessionId() + "}", "created");
		assertThat(Long.parseLong(created.toString())).isGreaterThanOrEqualTo(loginStarted);
	}

	@Test
	void aKeyOfAnotherTypeUnderASessionsNameIsNoSessionAndNoOutage() {
		String id = SessionIds.next();
		template.opsForValue().set("cardstore:session:{" + id + "}", "not a hash");

		assertThat(new Browser("Forger").withSession(id).whoami(a.port())).isEqualTo("anonymous");
		assertThat(new Browser("Forger").withSession(id).whoami(b.port())).isEqualTo("anonymous");
	}

	@Test
	void theSessionIdIs256RandomBitsCarriedAsItIsInTheCookie() {
		String id = loggedIn(a).sessionId();

		assertThat(id).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
	}

	@Test
	void aLoggedInSessionTakesUnderOneKilobyteAndKeepsNoEarlierId() {
		Browser browser = new Browser("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
		browser.csrfToken(a.port());
		String anonymousId = browser.sessionId();
		browser.login(a.port(), "user-" + UUID.randomUUID().toString().substring(0, 8));
		String key = "cardstore:session:{" + browser.sessionId() + "}";

		Long bytes = template.execute(RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class),
				List.of(key));
		Map<Object, Object> stored = template.opsForHash().entries(key);

		System.out.println("A logged-in session takes " + bytes + " bytes in Redis (MEMORY USAGE): " + stored);
		assertThat(bytes).isLessThanOrEqualTo(1024L);
		assertThat(stored.toString()).doesNotContain(anonymousId);
		assertThat(stored.values()).noneMatch((value) -> value.toString().isEmpty() || value.equals("null"));
	}

	/**
	 * A replica that writes the last access on every request, its cache kept for a
	 * minute.
	 */
	private static Map<String, String> writingEveryRequest() {
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.touch-interval", "0s");
		properties.put("cardstore.session.near-cache.max-age", "60s");
		return properties;
	}

	private static Browser loggedIn(Instance instance) {
		Browser browser = new Browser("Firefox");
		browser.login(instance.port(), "user-" + UUID.randomUUID().toString().substring(0, 8));
		// The first request after the login: the session is in this replica's cache from
		// now on.
		browser.whoami(instance.port());
		return browser;
	}

}
