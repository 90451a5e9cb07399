package io.cardstore.testing.redis;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cardstore.testing.tls.TlsFiles;

/** A running Redis server for tests, from either provider. */
public interface RedisServer extends AutoCloseable {

	String host();

	int port();

	RedisOptions options();

	/** Stops the server but keeps its data, so that {@link #start()} brings it back. */
	void stop();

	/** Starts the server again on the same port after {@link #stop()}. */
	void start();

	/** Stops the server and removes everything it stored. */
	@Override
	void close();

	/** The Spring Boot properties that connect an application to this server. */
	default Map<String, String> connectionProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.host", host());
		properties.put("spring.data.redis.port", Integer.toString(port()));
		RedisOptions.AclUser user = options().user();
		if (user != null) {
			properties.put("spring.data.redis.username", user.name());
			properties.put("spring.data.redis.password", user.password());
		}
		TlsFiles tls = options().tls();
		if (tls != null) {
			properties.put("spring.data.redis.ssl.bundle", "redis");
			properties.put("spring.ssl.bundle.pem.redis.truststore.certificate",
					tls.caCertificate().toUri().toString());
		}
		return properties;
	}

}
