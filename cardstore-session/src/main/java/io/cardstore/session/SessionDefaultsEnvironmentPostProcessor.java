package io.cardstore.session;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Gives Spring Boot's session and Redis settings the defaults CardStore needs, as default
 * properties, so that any other source, the application's own defaults included, can
 * still set them:
 * <ul>
 * <li>for Spring Session's repository, when
 * {@code cardstore.session.repository=spring-session} chooses it: the indexed one, to
 * find a user's sessions by user name, and no CONFIG command at startup, because
 * ElastiCache refuses it. Where the server allows it,
 * {@code spring.session.data.redis.configure-action=notify-keyspace-events} turns
 * keyspace notifications (and so session expiry events) on;</li>
 * <li>short Redis timeouts, so that a Redis outage fails requests quickly instead of
 * holding them for Lettuce's default minute;</li>
 * <li>no request-handled events from Spring MVC: each names the session, which during a
 * Redis outage would ask Redis again while the 503 page is rendered, and fail it.</li>
 * </ul>
 */
class SessionDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final Map<String, Object> DEFAULTS = Map.of("spring.session.data.redis.repository-type", "indexed",
			"spring.session.data.redis.configure-action", "none", "spring.data.redis.timeout", "2s",
			"spring.data.redis.connect-timeout", "2s", "spring.mvc.publish-request-handled-events", "false");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		MutablePropertySources sources = environment.getPropertySources();
		Map<String, Object> missing = new HashMap<>(DEFAULTS);
		PropertySource<?> applicationDefaults = sources.get(DefaultPropertiesPropertySource.NAME);
		if (applicationDefaults != null) {
			missing.keySet().removeIf(applicationDefaults::containsProperty);
		}
		DefaultPropertiesPropertySource.addOrMerge(missing, sources);
	}

}
