package io.cardstore.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.http.CookieClient;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store's meters, as Prometheus scrapes them from the management port, move with real
 * requests: hits for a logged-in user's pages and their touches, a miss and a read from
 * Redis for a session this replica has not seen, a notice for a logout, a login and its
 * hash, and a 503 and the notices' gauge at 0 while Redis is away. Its own Redis, so that
 * it can be stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cardstore.session.instance-id=meters-test",
				// Every request writes its last access: the touches are counted.
				"cardstore.session.touch-interval=0s" })
@ContextConfiguration(initializers = SharedAwsInitializer.class)
@DirtiesContext
class SessionStoreMetersIT {

	static final RedisServer redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redis.connectionProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void theStoresMetersMoveWithRealRequests() {
		String store = "http://localhost:" + this.port;
		WebClient user = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());
		// The first request with a session subscribes to the notices; the next one caches
		// the session.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> user.get(store + "/dashboard").statusCode() == 200
					&& meter("cardstore_session_notices_live") == 1);
		user.get(store + "/dashboard");
		Map<String, Double> before = Map.of("hits",
				meter("cardstore_session_near_cache_requests_total{result=\"hit\"}"), "misses",
				meter("cardstore_session_near_cache_requests_total{result=\"miss\"}"), "reads",
				meter("cardstore_session_reads_seconds_count"), "saves", meter("cardstore_session_saves_seconds_count"),
				"published", meter("cardstore_session_notices_published_total"), "own",
				meter("cardstore_session_notices_received_total{origin=\"own\"}"), "touches",
				meter("cardstore_session_touches_total"));

		for (int i = 0; i < 3; i++) {
			assertThat(user.get(store + "/dashboard").statusCode()).isEqualTo(200);
		}
		assertThat(meter("cardstore_session_saves_seconds_count")).as("touches are counted, not timed as saves")
			.isEqualTo(before.get("saves"));
		CookieClient stranger = new CookieClient("Stranger").withCookie("SESSION", unknownSessionId());
		assertThat(stranger.get(store + "/").statusCode()).isEqualTo(200);
		user.post(store + "/logout", Map.of("_csrf", user.csrfToken(store + "/dashboard")));

		assertThat(meter("cardstore_session_near_cache_requests_total{result=\"hit\"}") - before.get("hits"))
			.as("three pages and the logout's, from the cache")
			.isGreaterThanOrEqualTo(4);
		assertThat(meter("cardstore_session_near_cache_requests_total{result=\"miss\"}") - before.get("misses"))
			.as("the stranger's session")
			.isGreaterThanOrEqualTo(1);
		assertThat(meter("cardstore_session_touches_total") - before.get("touches"))
			.as("the three pages' last accesses, which no response waited for")
			.isGreaterThanOrEqualTo(3);
		assertThat(meter("cardstore_session_touches_failed_total")).isZero();
		assertThat(meter("cardstore_session_reads_seconds_count") - before.get("reads")).as("read from Redis")
			.isGreaterThanOrEqualTo(1);
		assertThat(meter("cardstore_session_notices_published_total") - before.get("published")).as("the logout")
			.isGreaterThanOrEqualTo(1);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> meter("cardstore_session_notices_received_total{origin=\"own\"}") > before.get("own"));
		assertThat(meter("cardstore_login_attempts_total{outcome=\"success\"}")).isGreaterThanOrEqualTo(1);
		assertThat(meter("cardstore_login_hashing_wait_seconds_count")).as("hashes that took a turn")
			.isGreaterThanOrEqualTo(1);
		assertThat(meter("cardstore_login_hashing_waiting")).isZero();
		assertThat(meter("cardstore_session_near_cache_entries")).isGreaterThanOrEqualTo(0);
		assertThat(meter("cardstore_session_near_cache_size_bytes")).isGreaterThanOrEqualTo(0);

		double unavailable = meter("cardstore_session_unavailable_total");
		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(5)).until(() -> stranger.get(store + "/").statusCode() == 503);
			assertThat(meter("cardstore_session_unavailable_total") - unavailable).isGreaterThanOrEqualTo(1);
			await().atMost(Duration.ofSeconds(3)).until(() -> meter("cardstore_session_notices_live") == 0);
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> stranger.get(store + "/").statusCode() == 200);
	}

	/**
	 * A series of the scrape, by name and labels; by name alone, the sum over its labels.
	 */
	private double meter(String series) {
		String scrape = new CookieClient("Prometheus")
			.get("http://localhost:" + this.managementPort + "/actuator/prometheus", "text/plain")
			.body();
		String labels = series.contains("{") ? "" : "(\\{[^}]*\\})?";
		Matcher value = Pattern.compile("^" + Pattern.quote(series) + labels + " (\\S+)$", Pattern.MULTILINE)
			.matcher(scrape);
		double sum = 0;
		boolean found = false;
		while (value.find()) {
			sum += Double.parseDouble(value.group(value.groupCount()));
			found = true;
		}
		assertThat(found).as("%s in the scrape", series).isTrue();
		return sum;
	}

	private static String unknownSessionId() {
		byte[] id = new byte[32];
		new SecureRandom().nextBytes(id);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
	}

}
