package io.cardstore.session;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cardstore.session.Instances.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session as Redis holds it, and the replicas' cached copies answering to Redis: its id
 * is 256 random bits, its hash takes under a kilobyte, keeps no earlier id and dates from
 * the login; a key of another type under a session's name is no session; a copy that
 * looks expired asks Redis, and one whose session Redis no longer has ends.
 * {@link SessionRoundTripsIT} counts what the requests cost.
 */
class StoredSessionsIT {

	static final TwoReplicas replicas = new TwoReplicas();

	@BeforeAll
	static void start() {
		replicas.start();
	}

	@AfterAll
	static void stop() throws Exception {
		replicas.close();
	}

	/**
	 * A request does not wait for its touch; a touch that finds its session gone (ended
	 * where no notice reached this replica) takes the replica's copy with it, so the next
	 * request is anonymous.
	 */
	@Test
	void aTouchThatFindsItsSessionGoneEndsItOnThisReplica() throws Exception {
		Instance everyRequest = Instances.start("instance-h", replicas.writingEveryRequest());
		try {
			Browser browser = Browser.loggedIn(everyRequest.port());
			String user = browser.whoami(everyRequest.port());
			assertThat(replicas.template().delete("cardstore:session:{" + browser.sessionId() + "}")).isTrue();

			assertThat(browser.whoami(everyRequest.port())).as("served from the cached copy").isEqualTo(user);

			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> browser.whoami(everyRequest.port()).equals("anonymous"));
			assertThat(replicas.template().hasKey("cardstore:session:{" + browser.sessionId() + "}")).isFalse();
		}
		finally {
			everyRequest.close();
		}
	}

	/**
	 * A replica whose copy of a session is older than the touches another replica wrote
	 * (no notice came) does not take the session for expired on its copy's word: it asks
	 * Redis.
	 */
	@Test
	void aCopyThatLooksExpiredIsCheckedAgainstRedis() throws Exception {
		Map<String, String> properties = replicas.writingEveryRequest();
		properties.put("spring.session.timeout", "2s");
		Instance first = Instances.start("instance-f", properties);
		Instance second = Instances.start("instance-g", properties);
		try {
			Browser browser = Browser.loggedIn(first.port());
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
	void theAbsoluteLifetimeCountsFromTheLoginNotFromTheVisitBeforeIt() throws InterruptedException {
		Browser browser = new Browser("Firefox");
		browser.csrfToken(replicas.a().port());
		Thread.sleep(100);
		long loginStarted = System.currentTimeMillis();

		browser.login(replicas.a().port(), "user-" + UUID.randomUUID().toString().substring(0, 8));

		Object created = replicas.template()
			.opsForHash()
			.get("cardstore:session:{" + browser.sessionId() + "}", "created");
		assertThat(Long.parseLong(created.toString())).isGreaterThanOrEqualTo(loginStarted);
	}

	@Test
	void aKeyOfAnotherTypeUnderASessionsNameIsNoSessionAndNoOutage() {
		String id = SessionIds.next();
		replicas.template().opsForValue().set("cardstore:session:{" + id + "}", "not a hash");

		assertThat(new Browser("Forger").withSession(id).whoami(replicas.a().port())).isEqualTo("anonymous");
		assertThat(new Browser("Forger").withSession(id).whoami(replicas.b().port())).isEqualTo("anonymous");
	}

	@Test
	void theSessionIdIs256RandomBitsCarriedAsItIsInTheCookie() {
		String id = Browser.loggedIn(replicas.a().port()).sessionId();

		assertThat(id).matches("[A-Za-z0-9_-]{43}");
		assertThat(Base64.getUrlDecoder().decode(id)).hasSize(32);
	}

	@Test
	void aLoggedInSessionTakesUnderOneKilobyteAndKeepsNoEarlierId() {
		Browser browser = new Browser("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
		browser.csrfToken(replicas.a().port());
		String anonymousId = browser.sessionId();
		browser.login(replicas.a().port(), "user-" + UUID.randomUUID().toString().substring(0, 8));
		String key = "cardstore:session:{" + browser.sessionId() + "}";

		Long bytes = replicas.template()
			.execute(RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class), List.of(key));
		Map<Object, Object> stored = replicas.template().opsForHash().entries(key);

		System.out.println("A logged-in session takes " + bytes + " bytes in Redis (MEMORY USAGE): " + stored);
		assertThat(bytes).isLessThanOrEqualTo(1024L);
		assertThat(stored.toString()).doesNotContain(anonymousId);
		assertThat(stored.values()).noneMatch((value) -> value.toString().isEmpty() || value.equals("null"));
	}

}
