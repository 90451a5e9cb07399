package io.cardstore.session;

import java.time.Duration;
import java.util.Map;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session ends at its absolute lifetime even when it is used all the time. */
class AbsoluteLifetimeIT {

	static final Duration LIFETIME = Duration.ofSeconds(4);

	static Instance instance;

	@BeforeAll
	static void start() {
		instance = Instances.start("instance-a",
				Map.of("cardstore.session.absolute-lifetime", LIFETIME.toSeconds() + "s"),
				new SharedRedisInitializer());
	}

	@AfterAll
	static void stop() {
		instance.close();
	}

	@Test
	void anActiveSessionEndsAtItsAbsoluteLifetime() {
		Browser browser = new Browser("Firefox");
		long loggedInAt = System.nanoTime();
		browser.login(instance.port(), "busy");
		assertThat(browser.whoami(instance.port())).isEqualTo("busy");

		await().atMost(LIFETIME.plusSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> browser.whoami(instance.port()).equals("anonymous"));

		assertThat(Duration.ofNanos(System.nanoTime() - loggedInAt)).as("the session lived its whole lifetime")
			.isGreaterThanOrEqualTo(LIFETIME.minusMillis(500));
	}

}
