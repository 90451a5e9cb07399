package io.cardstore.session;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of CardStore's Redis sessions. The idle timeout, cookie and Redis connection
 * are Spring Boot's own settings ({@code spring.session.timeout},
 * {@code server.servlet.session.cookie.*}, {@code spring.data.redis.*}).
 *
 * @param repository Which session repository keeps the sessions: CardStore's own, or
 * Spring Session's indexed repository (for comparison; it needs keyspace notifications to
 * clean up)
 * @param namespace Prefix of the keys and channel of CardStore's repository
 * @param touchInterval How often, at most, a request that changes nothing in its session
 * writes the last access time (and so extends the idle timeout); never more than a tenth
 * of the idle timeout. A session therefore ends between the idle timeout minus this
 * interval and the idle timeout after its last request
 * @param nearCache Each replica's cache of decoded sessions
 * @param absoluteLifetime How long a session may live from its creation, however active
 * it is; after that the user logs in again
 * @param instanceId The name of this application instance, recorded in the sessions it
 * creates and shown in X-Served-By; defaults to the start of the container id on Amazon
 * ECS (whose host name is the private address), else the host name (the container id in
 * Docker)
 * @param verifyRedisOnStartup Whether to fail at startup, with the reason, when Redis
 * cannot be reached or refuses the credentials
 * @param trustedPackages Packages whose types may be stored as session values and read
 * back, besides the application's own packages (those of its
 * {@code @SpringBootApplication}) and the JDK and Spring Security types sessions hold;
 * any other type in a stored session is refused when read
 */
@ConfigurationProperties("cardstore.session")
public record CardStoreSessionProperties(@DefaultValue("cardstore") Repository repository,
		@DefaultValue("cardstore") String namespace, @DefaultValue("60s") Duration touchInterval,
		@DefaultValue NearCache nearCache, @DefaultValue("12h") Duration absoluteLifetime, String instanceId,
		@DefaultValue("true") boolean verifyRedisOnStartup, List<String> trustedPackages) {

	public CardStoreSessionProperties {
		trustedPackages = (trustedPackages != null) ? List.copyOf(trustedPackages) : List.of();
	}

	/** The session repositories to choose from. */
	public enum Repository {

		/**
		 * CardStore's own: near cache, one round trip per change, no keyspace events
		 * needed, cluster-safe.
		 */
		CARDSTORE,

		/** Spring Session's {@code RedisIndexedSessionRepository}. */
		SPRING_SESSION

	}

	/**
	 * Each replica's cache of decoded sessions.
	 *
	 * @param maxMemory How much memory, roughly, a replica gives to decoded sessions
	 * @param maxAge How long a cached session is used before it is read again; bounds how
	 * late a logout on another replica is seen should its change notice be lost
	 * @param heartbeat How often the connection the change notices arrive on is checked
	 * with a PING; unanswered by the second check after it, the cache stops serving until
	 * the notices are subscribed again on a new connection. Keep it well under the Redis
	 * command timeout
	 */
	public record NearCache(@DefaultValue("32MB") DataSize maxMemory, @DefaultValue("5s") Duration maxAge,
			@DefaultValue("400ms") Duration heartbeat) {
	}

}
