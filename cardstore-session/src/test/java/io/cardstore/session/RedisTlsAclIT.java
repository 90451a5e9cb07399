package io.cardstore.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLHandshakeException;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import io.cardstore.testing.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ElastiCache with in-transit encryption and an ACL user: TLS with a CA the application
 * is told to trust, and a user name and password, all through Spring Boot's properties.
 */
class RedisTlsAclIT {

	@TempDir
	static Path certificates;

	static RedisServer redis;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults()
			.withTls(TestCertificates.create(certificates))
			.withUser("cardstore-app", "correct-horse-battery-staple"));
	}

	@AfterAll
	static void stop() {
		redis.close();
	}

	@Test
	void sessionsWorkOverTlsWithAnAclUser() {
		assertThat(redis.connectionProperties()).containsKey("spring.data.redis.ssl.bundle");
		try (Instance instance = Instances.start("tls-instance", redis.connectionProperties())) {
			Browser browser = new Browser("Firefox");

			browser.login(instance.port(), "secure");

			assertThat(browser.whoami(instance.port())).isEqualTo("secure");
		}
	}

	@Test
	void aWrongPasswordFailsAtStartupWithAClearMessage() {
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("spring.data.redis.password", "wrong-password");

		assertThatThrownBy(() -> Instances.start("tls-instance", properties).close())
			.hasMessageContaining("Redis, which holds the HTTP sessions, refused this application")
			.hasMessageContaining("WRONGPASS")
			.hasMessageContaining("user 'cardstore-app'")
			.hasMessageContaining("TLS");
	}

	@Test
	void withoutTheCertificateAuthorityTheConnectionIsRefused() {
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.remove("spring.ssl.bundle.pem.redis.truststore.certificate");
		properties.remove("spring.data.redis.ssl.bundle");
		properties.put("spring.data.redis.ssl.enabled", "true");

		assertThatThrownBy(() -> Instances.start("tls-instance", properties).close())
			.hasMessageContaining("Redis, which holds the HTTP sessions, refused this application")
			.satisfies(failure -> assertThat(causes(failure)).as("refused for its certificate, not for anything else")
				.anyMatch(cause -> cause instanceof SSLHandshakeException)
				.anyMatch(cause -> String.valueOf(cause.getMessage()).contains("certification path")));
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !causes.contains(cause); cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

}
