package io.cardstore.testing.redis;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.SharedService;

/** Starts Redis servers from the current {@link BackingServicesProvider}. */
public final class RedisServers {

	private static final SharedService<RedisServer> SHARED = new SharedService<>(() -> start(RedisOptions.defaults()));

	private RedisServers() {
	}

	/**
	 * A plain Redis server shared by every test in this JVM, started on first use and stopped
	 * when the JVM exits. Tests that share it must not depend on it being empty.
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

}
