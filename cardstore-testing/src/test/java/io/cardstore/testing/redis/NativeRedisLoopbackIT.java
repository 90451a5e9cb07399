package io.cardstore.testing.redis;

import io.cardstore.testing.ListeningSockets;
import org.junit.jupiter.api.Test;

/** The native Redis servers are reachable from this machine only. */
class NativeRedisLoopbackIT {

	@Test
	void aNativeRedisServerListensOnLoopbackOnly() {
		try (NativeRedisServer redis = NativeRedisServer.start(RedisOptions.defaults())) {
			ListeningSockets.assertLoopbackOnly(redis.port());
		}
	}

	@Test
	void aNativeRedisClusterListensOnLoopbackOnly() {
		try (NativeRedisCluster cluster = NativeRedisCluster.start(3)) {
			for (String node : cluster.nodes()) {
				int port = Integer.parseInt(node.substring(node.lastIndexOf(':') + 1));
				ListeningSockets.assertLoopbackOnly(port);
				// The cluster bus, on which the nodes talk to each other.
				ListeningSockets.assertLoopbackOnly(port + 10000);
			}
		}
	}

}
