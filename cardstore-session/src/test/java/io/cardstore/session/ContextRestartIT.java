package io.cardstore.session;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisCommandCounter;
import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application context stopped and started again (as a paused test context, or a
 * process restored from a checkpoint, is): Spring Data Redis gives its connection factory
 * a new client, and the session store opens its connections again from it.
 */
class ContextRestartIT {

	static Instance instance;

	@BeforeAll
	static void start() {
		instance = Instances.start("instance-a", Map.of(), new SharedRedisInitializer());
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance);
	}

	@Test
	void sessionsWorkAfterTheContextIsStoppedAndStartedAgain() {
		Browser before = new Browser("Firefox");
		before.login(port(), "restarted");
		assertThat(before.whoami(port())).isEqualTo("restarted");

		instance.context().stop();
		instance.context().start();

		assertThat(before.whoami(port())).as("a session from before, read again").isEqualTo("restarted");
		Browser after = new Browser("Chrome");
		after.login(port(), "after-restart");
		assertThat(after.whoami(port())).isEqualTo("after-restart");
		after.logout(port());
		assertThat(after.whoami(port())).isEqualTo("anonymous");
		// Once the change notices are subscribed again, a session is served from the near
		// cache.
		RedisCommandCounter counter = new RedisCommandCounter(() -> instance.context()
			.getBean(StringRedisTemplate.class)
			.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("commandstats")));
		await("the near cache live again").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			before.whoami(port());
			Map<String, Long> commands = counter.snapshot();
			before.whoami(port());
			assertThat(counter.commandsSince(commands)).isEmpty();
		});
	}

	private static int port() {
		return Integer.parseInt(instance.context().getEnvironment().getRequiredProperty("local.server.port"));
	}

}
