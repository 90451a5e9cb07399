package io.cardstore.testing.redis;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring application at the {@linkplain RedisServers#shared() shared} Redis
 * server: {@code @ContextConfiguration(initializers = SharedRedisInitializer.class)} on a
 * test, or {@code SpringApplicationBuilder.initializers(new SharedRedisInitializer())}.
 */
public class SharedRedisInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Map<String, Object> properties = Map.copyOf(RedisServers.shared().connectionProperties());
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sharedRedis", properties));
	}

}
