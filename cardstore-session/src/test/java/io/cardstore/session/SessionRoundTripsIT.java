package io.cardstore.session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisCommandCounter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each kind of request costs in Redis, counted by the server itself: nothing when
 * the session is cached and unchanged, one read on a miss, one script on a change (and
 * the user's index when the session is new, gets a new id or another user), and the last
 * access written at most once per touch interval, telling no other replica.
 * {@link StoredSessionsIT} has what the sessions are in Redis.
 */
class SessionRoundTripsIT {

	/**
	 * A request does not wait for its touch: the touch is counted once Redis has been
	 * quiet this long.
	 */
	static final Duration SETTLED = Duration.ofMillis(100);

	/** What the store's scripts run inside Redis, besides the scripts themselves. */
	static final Set<String> SCRIPT_COMMANDS = Set.of("evalsha", "eval", "exists", "hset", "hdel", "pexpireat",
			"publish", "zremrangebyscore", "zadd", "zrange", "zcard", "zrem", "del");

	static final TwoReplicas replicas = new TwoReplicas();

	static RedisCommandCounter counter;

	@BeforeAll
	static void start() {
		replicas.start();
		StringRedisTemplate template = replicas.template();
		counter = new RedisCommandCounter(() -> template
			.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("commandstats")));
	}

	@AfterAll
	static void stop() throws Exception {
		replicas.close();
	}

	@Test
	void aRequestWhoseCachedSessionItDoesNotChangeCostsNoRedisCommand() {
		Browser browser = Browser.loggedIn(replicas.a().port());
		Map<String, Long> before = counter.snapshot();

		for (int i = 0; i < 20; i++) {
			assertThat(browser.whoami(replicas.a().port())).isNotEqualTo("anonymous");
		}

		assertThat(counter.commandsSince(before)).isEmpty();
	}

	@Test
	void aReplicaThatHasNotSeenTheSessionReadsItOnceThenServesItFromItsCache() {
		Browser browser = Browser.loggedIn(replicas.a().port());
		Map<String, Long> before = counter.snapshot();

		String user = browser.whoami(replicas.b().port());
		for (int i = 0; i < 10; i++) {
			assertThat(browser.whoami(replicas.b().port())).isEqualTo(user);
		}

		assertThat(user).startsWith("user-");
		assertThat(counter.commandsSince(before)).isEqualTo(Map.of("hgetall", 1L));
	}

	@Test
	void aChangeIsOneScriptThatTellsTheOtherReplicas() {
		Browser browser = Browser.loggedIn(replicas.a().port());
		Map<String, Long> before = counter.snapshot();

		assertThat(browser.get(replicas.a().port(), "/remember?name=colour&value=blue").body()).isEqualTo("ok");

		Map<String, Long> executed = counter.commandsSince(before);
		// The user's index moves once per idle timeout (30 minutes here), so almost never
		// with a change.
		assertThat(executed.get("evalsha")).isBetween(1L, 2L);
		assertThat(executed.keySet()).isSubsetOf(SCRIPT_COMMANDS).doesNotContain("hgetall").contains("publish");
		assertThat(browser.get(replicas.b().port(), "/recall?name=colour").body()).isEqualTo("blue");
	}

	@Test
	void theLastAccessIsWrittenAtMostOncePerTouchInterval() throws InterruptedException {
		clearOfAnIndexStep();
		Browser browser = Browser.loggedIn(replicas.a().port());
		long loggedIn = System.nanoTime();
		Map<String, Long> before = counter.snapshot();
		while (System.nanoTime() - loggedIn < TwoReplicas.TOUCH_INTERVAL.toNanos() / 2) {
			browser.whoami(replicas.a().port());
			Thread.sleep(50);
		}
		assertThat(counter.commandsSince(before)).as("requests within the touch interval").isEmpty();

		Thread.sleep(TwoReplicas.TOUCH_INTERVAL.toMillis());
		before = counter.snapshot();
		browser.whoami(replicas.a().port());
		browser.whoami(replicas.a().port());

		Map<String, Long> touch = counter.settledCommandsSince(before, SETTLED);
		assertThat(touch).as("one touch, of the session alone, telling no other replica")
			.isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "hset", 1L, "pexpireat", 1L));
	}

	@Test
	void withATouchIntervalOfZeroEachRequestWritesItsLastAccessOnce() throws Exception {
		Instance everyRequest = Instances.start("instance-c", replicas.writingEveryRequest());
		try {
			clearOfAnIndexStep();
			Browser browser = Browser.loggedIn(everyRequest.port());
			// After the touch of the login's last request, which no response waited for.
			Map<String, Long> before = counter.quietSnapshot(SETTLED);

			browser.whoami(everyRequest.port());

			assertThat(counter.settledCommandsSince(before, SETTLED)).as("the session's last access, once")
				.isEqualTo(Map.of("evalsha", 1L, "exists", 1L, "hset", 1L, "pexpireat", 1L));
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
		Map<String, String> properties = replicas.writingEveryRequest();
		Instance first = Instances.start("instance-d", properties);
		Instance second = Instances.start("instance-e", properties);
		try {
			Browser browser = Browser.loggedIn(first.port());
			// Both replicas have the session cached and listen for notices (which the
			// login sent).
			for (int i = 0; i < 10; i++) {
				browser.whoami(((i % 2) == 0) ? first.port() : second.port());
			}
			Thread.sleep(200);
			Map<String, Long> before = counter.quietSnapshot(SETTLED);

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
	 * Waits, when the wall clock is about to cross a step of the idle timeout, until it
	 * has: a touch in the next step moves the session's score in its user's index, which
	 * is right but is not what a test of one touch counts. A test using this spends a few
	 * seconds from its login to its last count.
	 */
	static void clearOfAnIndexStep() throws InterruptedException {
		long step = TwoReplicas.IDLE_TIMEOUT.toMillis();
		long untilNextStep = step - Math.floorMod(System.currentTimeMillis(), step);
		if (untilNextStep < Duration.ofSeconds(10).toMillis()) {
			Thread.sleep(untilNextStep + 100);
		}
	}

	@Test
	void aCookieThatIsNotASessionIdNeverReachesRedis() {
		String realId = Browser.loggedIn(replicas.a().port()).sessionId();
		Map<String, Long> before = counter.snapshot();

		for (String forged : new String[] { "expires:" + realId,
				Base64.getEncoder().encodeToString(("expires:" + realId).getBytes(StandardCharsets.UTF_8)),
				realId + "x", realId.substring(1), "../../" + realId.substring(6), UUID.randomUUID().toString() }) {
			assertThat(new Browser("Forger").withSession(forged).whoami(replicas.a().port())).isEqualTo("anonymous");
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
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + replicas.a().port() + "/whoami"))
				.header("Cookie", cookies.toString())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("anonymous");
		// Two ids, each looked up when the request asks for its session and again when it
		// ends.
		assertThat(counter.commandsSince(before).getOrDefault("hgetall", 0L)).isLessThanOrEqualTo(4L);
	}

}
