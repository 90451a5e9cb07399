package io.cardstore.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without keyspace notifications (the ElastiCache default) nothing is left behind:
 * expired sessions vanish by their TTL, and the user's index lists only live sessions and
 * expires with the last of them.
 */
class UserIndexPruningIT {

	/**
	 * Long enough for 40 logins on a slow, busy machine: none of them may expire before
	 * the last.
	 */
	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

	static RedisServer redis;

	static Instance instance;

	static StringRedisTemplate template;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults().withoutConfigCommand());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("spring.session.timeout", IDLE_TIMEOUT.toSeconds() + "s");
		instance = Instances.start("instance-a", properties);
		template = instance.context().getBean(StringRedisTemplate.class);
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance, redis);
	}

	@Test
	void manyExpiredSessionsLeaveNoKeyAndNoIndexEntryBehind() {
		Set<String> before = template.keys("*");
		String index = "cardstore:user:{many}";

		for (int i = 0; i < 40; i++) {
			new Browser("Browser " + i).login(instance.port(), "many");
		}
		int withSessions = template.keys("*").size();
		Long indexed = template.opsForZSet().zCard(index);

		long start = System.nanoTime();
		// Keys of other tests may expire meanwhile: nothing but what was there before may
		// remain.
		await().atMost(IDLE_TIMEOUT.multipliedBy(5))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(before).containsAll(template.keys("*")));

		System.out.printf(
				"40 logins: %d keys (%d before), %d sessions in the index; all gone %d ms after the "
						+ "last login, without a request or keyspace event%n",
				withSessions, before.size(), indexed, Duration.ofNanos(System.nanoTime() - start).toMillis());
		assertThat(indexed).isEqualTo(40L);
		assertThat(template.hasKey(index)).isFalse();
	}

	@Test
	void listingAUsersSessionsPrunesTheOnesThatAreGone() {
		List<Browser> browsers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Browser browser = new Browser("Browser " + i);
			browser.login(instance.port(), "pruned");
			browsers.add(browser);
		}
		// Gone without the store knowing, as under memory pressure with an eviction
		// policy.
		template.delete("cardstore:session:{" + browsers.get(0).sessionId() + "}");

		List<UserSession> listed = instance.context().getBean(UserSessions.class).list("pruned");

		assertThat(listed).extracting(UserSession::handle)
			.containsExactlyInAnyOrder(browsers.get(1).sessionHandle(), browsers.get(2).sessionHandle());
		assertThat(template.opsForZSet().range("cardstore:user:{pruned}", 0, -1))
			.containsExactlyInAnyOrder(browsers.get(1).sessionId(), browsers.get(2).sessionId());
	}

}
