package io.cardstore.session;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts {@link SessionTestApplication} instances on random ports, as replicas. */
final class Instances {

	private Instances() {
	}

	static Instance start(String instanceId, Map<String, String> properties,
			ApplicationContextInitializer<?>... initializers) {
		Map<String, Object> all = new HashMap<>(properties);
		all.put("server.port", "0");
		all.put("cardstore.session.instance-id", instanceId);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SessionTestApplication.class)
			.properties(all)
			.initializers(initializers)
			.run();
		return new Instance(context,
				Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
	}

	/**
	 * Closes what was started, in this order, skipping what never started (a failed
	 * {@code @BeforeAll}).
	 */
	static void closeAll(AutoCloseable... started) throws Exception {
		for (AutoCloseable resource : started) {
			if (resource != null) {
				resource.close();
			}
		}
	}

	record Instance(ConfigurableApplicationContext context, int port) implements AutoCloseable {

		@Override
		public void close() {
			this.context.close();
		}

	}

}
