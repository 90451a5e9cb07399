package io.cardstore.session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A Redis server and two replicas on it, {@code a} and {@code b}, each caching sessions
 * for a minute and writing their last access at most once per {@link #TOUCH_INTERVAL}:
 * started once for a test class, as they take a while.
 */
final class TwoReplicas implements AutoCloseable {

	static final Duration TOUCH_INTERVAL = Duration.ofSeconds(2);

	/** The replicas' idle timeout: Spring Boot's default, which they keep. */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

	private RedisServer redis;

	private Instance a;

	private Instance b;

	/** Starts Redis, then the replicas; {@link #close()} stops what started. */
	void start() {
		this.redis = RedisServers.start(RedisOptions.defaults());
		Map<String, String> properties = new HashMap<>(this.redis.connectionProperties());
		properties.put("cardstore.session.touch-interval", TOUCH_INTERVAL.toSeconds() + "s");
		properties.put("cardstore.session.near-cache.max-age", "60s");
		this.a = Instances.start("instance-a", properties);
		this.b = Instances.start("instance-b", properties);
	}

	Instance a() {
		return this.a;
	}

	Instance b() {
		return this.b;
	}

	/** Redis as the replicas reach it. */
	StringRedisTemplate template() {
		return this.a.context().getBean(StringRedisTemplate.class);
	}

	/**
	 * The properties of a replica of the same Redis that writes the last access on every
	 * request, its cache kept for a minute.
	 */
	Map<String, String> writingEveryRequest() {
		Map<String, String> properties = new HashMap<>(this.redis.connectionProperties());
		properties.put("cardstore.session.touch-interval", "0s");
		properties.put("cardstore.session.near-cache.max-age", "60s");
		return properties;
	}

	@Override
	public void close() throws Exception {
		Instances.closeAll(this.b, this.a, this.redis);
	}

}
