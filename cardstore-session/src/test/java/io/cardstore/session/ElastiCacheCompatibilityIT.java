package io.cardstore.session;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Like ElastiCache, this Redis refuses CONFIG: the application must start and work
 * regardless.
 */
class ElastiCacheCompatibilityIT {

	static RedisServer redis;

	static Instance instance;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults().withoutConfigCommand());
		instance = Instances.start("instance-a", redis.connectionProperties());
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance, redis);
	}

	@Test
	void theServerReallyRefusesConfig() {
		StringRedisTemplate redisTemplate = instance.context().getBean(StringRedisTemplate.class);

		assertThatThrownBy(() -> redisTemplate.execute(connection -> connection.serverCommands().getConfig("*"), true))
			.hasStackTraceContaining("unknown command");
	}

	@Test
	void sessionsWorkWithoutConfig() {
		Browser browser = new Browser("Firefox");

		browser.login(instance.port(), "elasti");

		assertThat(browser.whoami(instance.port())).isEqualTo("elasti");
	}

	@Test
	void keyspaceNotificationsAreOffByDefault() {
		assertThat(instance.context().getEnvironment().getProperty("spring.session.data.redis.configure-action"))
			.isEqualTo("none");
	}

	@Test
	void theRepositoryIsCardStoresOwn() {
		assertThat(instance.context().getBean(SessionRepository.class)).isInstanceOf(CardStoreSessionRepository.class);
		assertThat(instance.context().getBeansOfType(RedisIndexedSessionRepository.class)).isEmpty();
	}

}
