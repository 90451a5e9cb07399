package io.cardstore.session;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class SessionDefaultsEnvironmentPostProcessorTests {

	private final SessionDefaultsEnvironmentPostProcessor postProcessor = new SessionDefaultsEnvironmentPostProcessor();

	@Test
	void choosesTheIndexedRepositoryWithoutConfigShortTimeoutsAndNoRequestHandledEvents() {
		StandardEnvironment environment = new StandardEnvironment();

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.session.data.redis.repository-type")).isEqualTo("indexed");
		assertThat(environment.getProperty("spring.session.data.redis.configure-action")).isEqualTo("none");
		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("2s");
		assertThat(environment.getProperty("spring.data.redis.connect-timeout")).isEqualTo("2s");
		assertThat(environment.getProperty("spring.mvc.publish-request-handled-events")).isEqualTo("false");
	}

	@Test
	void everyDefaultGivesWayToTheApplicationsOwnSettings() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("spring.session.data.redis.configure-action", "notify-keyspace-events")));
		environment.getPropertySources()
			.addLast(new DefaultPropertiesPropertySource(Map.of("spring.data.redis.timeout", "5s")));

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.session.data.redis.configure-action"))
			.isEqualTo("notify-keyspace-events");
		assertThat(environment.getProperty("spring.data.redis.timeout")).isEqualTo("5s");
		assertThat(environment.getProperty("spring.session.data.redis.repository-type")).isEqualTo("indexed");
	}

}
