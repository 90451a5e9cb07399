package io.cardstore.web;

import java.net.http.HttpResponse;
import java.util.Map;

import io.cardstore.session.RedisAccess;
import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The store logged in to Redis as a user with the rules the ElastiCache user gets
 * ({@link RedisAccess#RULES}): a whole visit works, and whoever took over the store's
 * connection could still not list or flush the keys, or touch anything not the store's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "cardstore.session.instance-id=acl-test")
@ContextConfiguration(initializers = SharedAwsInitializer.class)
@DirtiesContext
class RedisUserAccessIT {

	static final RedisServer redis = RedisServers
		.start(RedisOptions.defaults().withUser("cardstore-app", "correct-horse-battery-staple", RedisAccess.RULES));

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	StringRedisTemplate template;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redis.connectionProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void aWholeVisitWorksWithTheStoresOwnRights() {
		String store = "http://localhost:" + this.port;
		WebClient user = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());

		assertThat(user.get(store + "/dashboard").statusCode()).isEqualTo(200);
		assertThat(user.get(store + "/account/sessions").body()).contains("This session");
		WebClient stranger = new WebClient();
		HttpResponse<String> failed = stranger.post(store + "/login", Map.of("_csrf", stranger.csrfToken(store + "/"),
				"username", "nobody-here", "password", "a wrong password"));
		assertThat(failed.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/?error"));
		assertThat(stranger
			.post(store + "/password/forgot",
					Map.of("_csrf", stranger.csrfToken(store + "/password/forgot"), "username", "nobody-here"))
			.statusCode()).isEqualTo(200);
		assertThat(user.post(store + "/logout", Map.of("_csrf", user.csrfToken(store + "/dashboard"))).statusCode())
			.isEqualTo(302);
		HttpResponse<String> readiness = new WebClient()
			.get("http://localhost:" + this.managementPort + "/actuator/health/readiness", "application/json");
		assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.body()).as("Redis's own component, details and all")
			.containsPattern("\"redis\":\\{(\"details\":\\{[^}]*\\},)?\"status\":\"UP\"");
	}

	@Test
	void theStoresConnectionCanNeitherListNorFlushNorReachOtherKeys() {
		this.template.opsForValue().set("cardstore:acl-check", "mine");

		assertThat(this.template.opsForValue().get("cardstore:acl-check")).isEqualTo("mine");
		assertNoPermission(() -> this.template
			.execute((RedisCallback<Object>) connection -> connection.keyCommands().keys("*".getBytes())));
		assertNoPermission(() -> this.template.execute((RedisCallback<Object>) connection -> {
			connection.serverCommands().flushAll();
			return null;
		}));
		assertNoPermission(() -> this.template.opsForValue().set("another-application:key", "theirs"));
		assertNoPermission(() -> this.template.convertAndSend("another-channel", "hello"));
	}

	private static void assertNoPermission(Runnable command) {
		assertThatException().isThrownBy(command::run)
			.satisfies(failure -> assertThat(failure).hasStackTraceContaining("NOPERM"));
	}

}
