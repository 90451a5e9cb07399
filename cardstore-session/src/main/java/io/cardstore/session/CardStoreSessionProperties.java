package io.cardstore.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of CardStore's Redis sessions. The idle timeout, cookie and Redis connection are
 * Spring Boot's own settings ({@code spring.session.timeout},
 * {@code server.servlet.session.cookie.*}, {@code spring.data.redis.*}).
 *
 * @param absoluteLifetime How long a session may live from its creation, however active it
 * is; after that the user logs in again
 * @param instanceId The name of this application instance, recorded in the sessions it
 * creates; defaults to the host name (the container id in Docker, the task on ECS)
 * @param verifyRedisOnStartup Whether to fail at startup, with the reason, when Redis cannot
 * be reached or refuses the credentials
 */
@ConfigurationProperties("cardstore.session")
public record CardStoreSessionProperties(@DefaultValue("12h") Duration absoluteLifetime, String instanceId,
		@DefaultValue("true") boolean verifyRedisOnStartup) {

}
