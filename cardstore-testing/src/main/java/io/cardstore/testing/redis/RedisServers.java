package io.cardstore.testing.redis;

import io.cardstore.testing.BackingServicesProvider;

/** Starts Redis servers from the current {@link BackingServicesProvider}. */
public final class RedisServers {

	private static volatile RedisServer shared;

	private RedisServers() {
	}

	/**
	 * A plain Redis server shared by every test in this JVM, started on first use and stopped
	 * when the JVM exits. Tests that share it must not depend on it being empty.
	 */
	public static RedisServer shared() {
		RedisServer server = shared;
		if (server == null) {
			synchronized (RedisServers.class) {
				server = shared;
				if (server == null) {
					RedisServer started = start(RedisOptions.defaults());
					Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-redis-stop"));
					shared = started;
					server = started;
				}
			}
		}
		return server;
	}

	/** A new Redis server with these options; the caller closes it. */
	public static RedisServer start(RedisOptions options) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerRedisServer.start(options);
			case NATIVE -> NativeRedisServer.start(options);
		};
	}

}
