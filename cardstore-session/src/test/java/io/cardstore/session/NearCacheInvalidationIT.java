package io.cardstore.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each replica caches the sessions it serves; a write or delete on any replica reaches
 * the others' caches through Redis at once. The cache's maximum age is set to a minute
 * here, far beyond every bound asserted, so that only the change notices can explain what
 * is seen.
 */
class NearCacheInvalidationIT {

	static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

	static RedisServer redis;

	static Instance a;

	static Instance b;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.near-cache.max-age", "60s");
		a = Instances.start("instance-a", properties);
		b = Instances.start("instance-b", properties);
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(b, a, redis);
	}

	@Test
	void aLogoutOnOneReplicaIsSeenByTheOtherOnItsNextRequest() {
		List<Long> delays = new ArrayList<>();
		int seenAtOnce = 0;
		for (int trial = 0; trial < 20; trial++) {
			Browser browser = new Browser("Firefox");
			String user = newUser();
			browser.login(a.port(), user);
			String session = browser.sessionId();
			assertThat(browser.whoami(b.port())).isEqualTo(user);
			Browser sameCookie = new Browser("Copy").withSession(session);

			browser.logout(a.port());
			long loggedOut = System.nanoTime();
			int requests = 0;
			String seen;
			do {
				seen = sameCookie.whoami(b.port());
				requests++;
			}
			while (!seen.equals("anonymous") && System.nanoTime() - loggedOut < SEEN_WITHIN.toNanos());
			delays.add((System.nanoTime() - loggedOut) / 1_000);
			assertThat(seen).as("trial %d: the session ended on the other replica", trial).isEqualTo("anonymous");
			if (requests == 1) {
				seenAtOnce++;
			}
		}
		Collections.sort(delays);
		System.out.printf(
				"Logout on one replica, seen by the other: %d of 20 on the very next request; "
						+ "delay min %d us, median %d us, max %d us%n",
				seenAtOnce, delays.get(0), delays.get(10), delays.get(19));
	}

	@Test
	void aRevocationOnOneReplicaIsSeenByTheOther() {
		Browser laptop = new Browser("Laptop");
		String user = newUser();
		laptop.login(a.port(), user);
		assertThat(laptop.whoami(b.port())).isEqualTo(user);

		boolean revoked = a.context().getBean(UserSessions.class).revoke(user, laptop.sessionHandle());

		assertThat(revoked).isTrue();
		assertThat(firstAnswerWithin(laptop, "/whoami", "anonymous", SEEN_WITHIN)).isEqualTo("anonymous");
	}

	@Test
	void aChangeOnOneReplicaIsSeenByTheOther() {
		Browser browser = new Browser("Firefox");
		browser.login(a.port(), newUser());
		browser.get(a.port(), "/remember?name=theme&value=light");
		assertThat(browser.get(b.port(), "/recall?name=theme").body()).isEqualTo("light");

		browser.get(a.port(), "/remember?name=theme&value=dark");

		// The change's notice reaches replica B a moment after replica A answered.
		assertThat(firstAnswerWithin(browser, "/recall?name=theme", "dark", SEEN_WITHIN)).isEqualTo("dark");
	}

	@Test
	void aRemovedAttributeIsGoneFromEveryReplicasCacheAndStaysGoneAfterALogin() {
		Browser browser = new Browser("Firefox");
		browser.get(a.port(), "/remember?name=token&value=once");
		assertThat(browser.get(b.port(), "/recall?name=token").body()).isEqualTo("once");

		browser.get(a.port(), "/forget?name=token");

		assertThat(browser.get(a.port(), "/recall?name=token").body()).isEmpty();
		assertThat(firstAnswerWithin(browser, "/recall?name=token", "", SEEN_WITHIN)).isEmpty();
		// A login writes the whole session under a new id: what the cache holds must not
		// bring it back.
		browser.login(a.port(), newUser());
		assertThat(browser.get(b.port(), "/recall?name=token").body()).isEmpty();
		assertThat(browser.get(a.port(), "/recall?name=token").body()).isEmpty();
	}

	@Test
	void aNewIdForASessionRevokedMeanwhileDoesNotBringItBack() {
		Browser browser = new Browser("Firefox");
		String user = newUser();
		browser.login(a.port(), user);
		CardStoreSessionRepository sessions = a.context().getBean(CardStoreSessionRepository.class);
		CardStoreSession inFlight = sessions.findById(browser.sessionId());

		a.context().getBean(UserSessions.class).revoke(user, browser.sessionHandle());
		String newId = inFlight.changeSessionId();
		sessions.save(inFlight);

		assertThat(sessions.findById(newId)).isNull();
		assertThat(new Browser("Copy").withSession(newId).whoami(b.port())).isEqualTo("anonymous");
		assertThat(a.context().getBean(UserSessions.class).list(user)).isEmpty();
	}

	@Test
	void twoReplicasChangingDifferentAttributesOfOneSessionAtOnceBothKeepTheirChange() {
		Browser browser = new Browser("Firefox");
		browser.login(a.port(), newUser());
		Browser onA = new Browser("Tab 1").withSession(browser.sessionId());
		Browser onB = new Browser("Tab 2").withSession(browser.sessionId());

		CompletableFuture<Void> writesOnA = CompletableFuture.runAsync(() -> IntStream.range(0, 25)
			.forEach((i) -> assertThat(onA.get(a.port(), "/remember?name=a" + i + "&value=" + i).body())
				.isEqualTo("ok")));
		CompletableFuture<Void> writesOnB = CompletableFuture.runAsync(() -> IntStream.range(0, 25)
			.forEach((i) -> assertThat(onB.get(b.port(), "/remember?name=b" + i + "&value=" + i).body())
				.isEqualTo("ok")));
		CompletableFuture.allOf(writesOnA, writesOnB).join();

		for (Instance instance : List.of(a, b)) {
			for (int i = 0; i < 25; i++) {
				assertThat(browser.get(instance.port(), "/recall?name=a" + i).body()).isEqualTo(Integer.toString(i));
				assertThat(browser.get(instance.port(), "/recall?name=b" + i).body()).isEqualTo(Integer.toString(i));
			}
		}
	}

	@Test
	void aReplicaForgetsWhatItCachedWhenItLosesRedisSoNoMissedChangeSurvivesTheOutage() {
		Browser browser = new Browser("Firefox");
		String user = newUser();
		browser.login(a.port(), user);
		assertThat(browser.whoami(b.port())).isEqualTo(user);

		redis.stop();
		try {
			// The replica learns of the loss from its connections a moment later; within
			// a second,
			// it answers every request with the store's 503 and serves nothing from its
			// cache.
			long stopped = System.nanoTime();
			await().atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> browser.get(b.port(), "/whoami").statusCode() == 503);
			long asked = System.nanoTime();
			assertThat(browser.get(b.port(), "/whoami").statusCode()).isEqualTo(503);
			assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(3));
			System.out.println("Replica B answered 503 " + Duration.ofNanos(asked - stopped).toMillis()
					+ " ms after Redis stopped");
		}
		finally {
			redis.start();
		}
		// Ended while no notice could reach replica B: its cache must not answer for it.
		StringRedisTemplate template = a.context().getBean(StringRedisTemplate.class);
		await().atMost(Duration.ofSeconds(15))
			.ignoreExceptions()
			.untilAsserted(
					() -> assertThat(template.delete("cardstore:session:{" + browser.sessionId() + "}")).isTrue());

		assertThat(firstAnswerWithin(browser, "/whoami", "anonymous", Duration.ofSeconds(15))).isEqualTo("anonymous");
		// Each connection of each replica finds Redis again on its own (Lettuce retries
		// at least once
		// a second): both replicas store new sessions again, and the tests after this one
		// find them so.
		for (Instance instance : List.of(a, b)) {
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> new Browser("After").get(instance.port(), "/csrf").statusCode() == 200);
		}
	}

	@Test
	void aChangeWhoseWriteTimedOutIsReadFromRedisAfterward() {
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.near-cache.max-age", "60s");
		properties.put("spring.data.redis.timeout", "300ms");
		try (Instance impatient = Instances.start("instance-impatient", properties)) {
			Browser browser = new Browser("Firefox");
			browser.login(impatient.port(), newUser());
			browser.get(impatient.port(), "/remember?name=theme&value=light");
			assertThat(browser.get(impatient.port(), "/recall?name=theme").body()).isEqualTo("light");

			// Redis holds writes back for longer than the replica waits: the request
			// fails, and Redis carries the write out afterwards.
			StringRedisTemplate template = a.context().getBean(StringRedisTemplate.class);
			template.execute((RedisCallback<Object>) (connection) -> connection.execute("CLIENT", "PAUSE".getBytes(),
					"1500".getBytes(), "WRITE".getBytes()));
			assertThat(browser.get(impatient.port(), "/remember?name=theme&value=dark").statusCode()).isEqualTo(503);

			// Its copy of the session may be stale: the replica reads Redis, which has
			// the
			// write.
			await().atMost(Duration.ofSeconds(5))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(
						() -> assertThat(browser.get(impatient.port(), "/recall?name=theme").body()).isEqualTo("dark"));
		}
	}

	/**
	 * What replica B answers at a path, asked until it is the expected answer or the time
	 * is up.
	 */
	private static String firstAnswerWithin(Browser browser, String path, String expected, Duration within) {
		long start = System.nanoTime();
		String seen;
		do {
			HttpResponse<String> response = browser.get(b.port(), path);
			seen = (response.statusCode() == 200) ? response.body() : "status " + response.statusCode();
		}
		while (!seen.equals(expected) && System.nanoTime() - start < within.toNanos());
		System.out.println("Replica B answered '" + seen + "' after "
				+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
		return seen;
	}

	private static String newUser() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
