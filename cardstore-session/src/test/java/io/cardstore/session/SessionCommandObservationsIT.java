package io.cardstore.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.HashMap;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's observations on, as in an application with Actuator, Lettuce times
 * and traces the application's Redis commands but not the session store's: the store
 * observes its reads and saves itself, and its touches not at all.
 */
class SessionCommandObservationsIT {

	/** Every observation started, as "name" or, for Lettuce's, "lettuce COMMAND key". */
	static final Queue<String> started = new ConcurrentLinkedQueue<>();

	static RedisServer server;

	static Instance instance;

	@BeforeAll
	static void start() {
		server = RedisServers.start(RedisOptions.defaults());
		Map<String, String> properties = new HashMap<>(server.connectionProperties());
		// A touch on every request, so that the requests below send one each.
		properties.put("cardstore.session.touch-interval", "0s");
		instance = Instances.start("instance-observed", properties, (context) -> context.getBeanFactory()
			.registerSingleton("recordingObservationHandler", new RecordingObservationHandler()));
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(instance, server);
	}

	@Test
	void theStoresCommandsAreObservedByTheStoreAloneAndOthersByLettuce() throws Exception {
		Browser browser = Browser.loggedIn(instance.port());
		assertThat(browser.get(instance.port(), "/remember?name=colour&value=blue").statusCode()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			browser.whoami(instance.port());
		}
		StringRedisTemplate redis = instance.context().getBean(StringRedisTemplate.class);
		redis.opsForValue().set("application:greeting", "hello");
		// The touches are sent after the responses.
		Thread.sleep(200);

		List<String> lettuce = started.stream().filter((name) -> name.startsWith("lettuce ")).toList();
		assertThat(lettuce).as("Lettuce's observations").contains("lettuce SET application:greeting");
		assertThat(lettuce).as("Lettuce's observations")
			.noneMatch((observed) -> observed.contains(" cardstore:session:") || observed.contains(" cardstore:user:"));
		assertThat(started).as("the store's own observations").contains("cardstore.session.saves");
		assertThat(redis.opsForHash().hasKey("cardstore:session:{" + browser.sessionId() + "}", "attr:colour"))
			.as("the session's change, written")
			.isTrue();
	}

	static final class RecordingObservationHandler implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			if (context instanceof LettuceObservationContext lettuce && lettuce.hasCommand()) {
				CommandArgs<?, ?> args = lettuce.getRequiredCommand().getArgs();
				var key = (args != null) ? args.getFirstEncodedKey() : null;
				started.add("lettuce " + lettuce.getRequiredCommand().getType() + " "
						+ ((key != null) ? StandardCharsets.UTF_8.decode(key) : ""));
			}
			else {
				started.add(context.getName());
			}
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
