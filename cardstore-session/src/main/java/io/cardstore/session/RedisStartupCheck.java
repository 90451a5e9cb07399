package io.cardstore.session;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Fails the start of the application, with the reason, when Redis cannot be reached or
 * refuses the credentials. Without it a wrong password would only show at the first
 * request that touches a session. Switched off by
 * {@code cardstore.session.verify-redis-on-startup=false}.
 */
class RedisStartupCheck implements SmartInitializingSingleton {

	private final RedisConnectionFactory connectionFactory;

	private final DataRedisConnectionDetails connection;

	private final boolean enabled;

	RedisStartupCheck(RedisConnectionFactory connectionFactory, DataRedisConnectionDetails connection,
			boolean enabled) {
		this.connectionFactory = connectionFactory;
		this.connection = connection;
		this.enabled = enabled;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.enabled) {
			return;
		}
		try (RedisConnection redis = this.connectionFactory.getConnection()) {
			redis.ping();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Redis, which holds the HTTP sessions, refused this application: "
					+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage() + " [" + describe()
					+ "]. Check spring.data.redis.host, port, username, password and ssl, "
					+ "or set cardstore.session.verify-redis-on-startup=false to start without Redis.", ex);
		}
	}

	private String describe() {
		DataRedisConnectionDetails.Standalone standalone = this.connection.getStandalone();
		String where = (standalone != null) ? standalone.getHost() + ":" + standalone.getPort() : "cluster or sentinel";
		String user = (this.connection.getUsername() != null) ? "user '" + this.connection.getUsername() + "'"
				: (this.connection.getPassword() != null) ? "password only" : "no authentication";
		String tls = (this.connection.getSslBundle() != null) ? "TLS" : "plain TCP";
		return where + ", " + user + ", " + tls;
	}

}
