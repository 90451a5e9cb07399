package io.cardstore.testing.redis;

import java.util.List;
import java.util.Map;

/**
 * A running Redis Cluster for tests, from either provider: masters only, together serving
 * all 16384 hash slots.
 */
public interface RedisCluster extends AutoCloseable {

	/** The {@code 127.0.0.1:port} address of each master, as the nodes announce it. */
	List<String> nodes();

	/** Stops every node and removes everything they stored. */
	@Override
	void close();

	/** The Spring Boot properties that connect an application to this cluster. */
	default Map<String, String> connectionProperties() {
		return Map.of("spring.data.redis.cluster.nodes", String.join(",", nodes()));
	}

}
