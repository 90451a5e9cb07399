package io.cardstore.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change notice that never arrives keeps a stale session in a cache for the maximum
 * age, no longer.
 */
class NearCacheMaximumAgeIT {

	static final Duration MAX_AGE = Duration.ofSeconds(1);

	static RedisServer redis;

	static Instance instance;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.near-cache.max-age", MAX_AGE.toMillis() + "ms");
		instance = Instances.start("instance-a", properties);
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance, redis);
	}

	@Test
	void aSessionEndedWithoutANoticeIsForgottenWithinTheMaximumAge() {
		Browser browser = new Browser("Firefox");
		browser.login(instance.port(), "lost-notice");
		assertThat(browser.whoami(instance.port())).isEqualTo("lost-notice");

		// Deleted behind the store's back: no notice is published, as if it had been
		// lost.
		instance.context().getBean(StringRedisTemplate.class).delete("cardstore:session:{" + browser.sessionId() + "}");
		long deleted = System.nanoTime();
		String first = browser.whoami(instance.port());
		String seen = first;
		while (!seen.equals("anonymous") && System.nanoTime() - deleted < MAX_AGE.multipliedBy(3).toNanos()) {
			seen = browser.whoami(instance.port());
		}
		Duration stale = Duration.ofNanos(System.nanoTime() - deleted);

		System.out.println("Without its notice, a deleted session was served from the cache for " + stale.toMillis()
				+ " ms (maximum age " + MAX_AGE.toMillis() + " ms)");
		assertThat(first).as("served from the cache right after the silent delete").isEqualTo("lost-notice");
		assertThat(seen).isEqualTo("anonymous");
		assertThat(stale).isLessThanOrEqualTo(MAX_AGE.plusMillis(500));
	}

}
