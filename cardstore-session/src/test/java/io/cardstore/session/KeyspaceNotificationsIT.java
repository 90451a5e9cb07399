package io.cardstore.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.events.SessionExpiredEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Spring Session's indexed repository, kept for comparison, and a server that allows
 * CONFIG, one property turns keyspace notifications and expiry events on.
 */
class KeyspaceNotificationsIT {

	static RedisServer redis;

	static Instance instance;

	static final List<String> expired = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.repository", "spring-session");
		properties.put("spring.session.data.redis.configure-action", "notify-keyspace-events");
		instance = Instances.start("instance-a", properties, context -> context.addApplicationListener(
				(ApplicationListener<SessionExpiredEvent>) event -> expired.add(event.getSessionId())));
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance, redis);
	}

	@Test
	void theApplicationSwitchesKeyspaceNotificationsOn() {
		StringRedisTemplate redisTemplate = instance.context().getBean(StringRedisTemplate.class);

		String flags = redisTemplate
			.execute(connection -> connection.serverCommands().getConfig("notify-keyspace-events"), true)
			.getProperty("notify-keyspace-events");

		assertThat(flags).contains("E").contains("g").contains("x");
	}

	@Test
	void anExpiringSessionRaisesTheExpiryEvent() {
		RedisIndexedSessionRepository sessions = instance.context().getBean(RedisIndexedSessionRepository.class);
		RedisIndexedSessionRepository.RedisSession session = sessions.createSession();
		session.setMaxInactiveInterval(Duration.ofSeconds(1));
		sessions.save(session);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(expired).contains(session.getId()));
	}

}
