package io.cardstore.testing.redis;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.SharedService;

/** Starts Redis servers and clusters from the current {@link BackingServicesProvider}. */
public final class RedisServers {

	private static final int CLUSTER_MASTERS = 3;

	private static final SharedService<RedisServer> SHARED = new SharedService<>(() -> start(RedisOptions.defaults()));

	private RedisServers() {
	}

	/**
	 * A plain Redis server shared by every test in this JVM, started on first use and
	 * stopped when the JVM exits. Tests that share it must not depend on it being empty.
	 */
	public static RedisServer shared() {
		return SHARED.get();
	}

	/** A new Redis server with these options; the caller closes it. */
	public static RedisServer start(RedisOptions options) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerRedisServer.start(options);
			case NATIVE -> NativeRedisServer.start(options);
		};
	}

	/**
	 * A new Redis Cluster of three masters without replicas, the smallest cluster Redis
	 * creates; the caller closes it.
	 */
	public static RedisCluster startCluster() {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerRedisCluster.start(CLUSTER_MASTERS);
			case NATIVE -> NativeRedisCluster.start(CLUSTER_MASTERS);
		};
	}

}
