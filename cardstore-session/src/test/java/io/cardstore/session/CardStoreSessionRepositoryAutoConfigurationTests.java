package io.cardstore.session;

import java.util.concurrent.ConcurrentHashMap;

import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.session.autoconfigure.SessionAutoConfiguration;
import org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which session repository the auto-configurations give, and when CardStore's backs off.
 */
class CardStoreSessionRepositoryAutoConfigurationTests {

	private final WebApplicationContextRunner web = webApplication();

	/**
	 * A servlet application with Boot's Redis and session auto-configurations and
	 * CardStore's. No Redis is needed to build its context: the startup check that would
	 * reach it is off.
	 */
	static WebApplicationContextRunner webApplication() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CardStoreSessionRepositoryAutoConfiguration.class, SessionDataRedisAutoConfiguration.class,
					SessionAutoConfiguration.class, CardStoreSessionAutoConfiguration.class))
			.withPropertyValues("cardstore.session.verify-redis-on-startup=false", "spring.data.redis.port=1");
	}

	@Test
	void cardStoresRepositoryIsTheDefaultBehindSpringSessionsFilter() {
		this.web.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SessionRepository.class)).isInstanceOf(CardStoreSessionRepository.class);
			assertThat(context).hasSingleBean(SessionRepositoryFilter.class).hasSingleBean(UserSessions.class);
			assertThat(context).doesNotHaveBean(RedisIndexedSessionRepository.class);
		});
	}

	@Test
	void aPropertyGivesSpringSessionsIndexedRepositoryBack() {
		// Spring Session's repository listens to Redis from the start: a real one.
		this.web.withPropertyValues("cardstore.session.repository=spring-session")
			.withInitializer(new SharedRedisInitializer())
			.withInitializer((context) -> new SessionDefaultsEnvironmentPostProcessor()
				.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisIndexedSessionRepository.class)
					.doesNotHaveBean(CardStoreSessionRepository.class)
					.hasSingleBean(UserSessions.class);
			});
	}

	@Test
	void anApplicationsOwnRepositoryWins() {
		this.web.withUserConfiguration(OwnRepository.class).run((context) -> {
			assertThat(context.getBean(SessionRepository.class)).isInstanceOf(MapSessionRepository.class);
			assertThat(context).doesNotHaveBean(CardStoreSessionRepository.class);
		});
	}

	@Test
	void nothingWithoutAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					CardStoreSessionRepositoryAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CardStoreSessionRepository.class));
	}

	@Test
	void theStartupCheckIsOnUnlessSwitchedOff() {
		this.web.withPropertyValues("cardstore.session.verify-redis-on-startup=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("Redis, which holds the HTTP sessions, refused this application"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRepository {

		@Bean
		MapSessionRepository sessionRepository() {
			return new MapSessionRepository(new ConcurrentHashMap<>());
		}

	}

}
