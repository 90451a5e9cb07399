package io.cardstore.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.cardstore.testing.net.TcpProxy;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A notice connection that goes silent without closing (a blackholed node, a NAT that
 * dropped its mapping) is found by the heartbeat, and the near cache stops serving:
 * replica A reaches Redis through a proxy that stops forwarding on its subscribed
 * connection alone, and a logout on replica B, whose notice A never gets, is seen on A
 * all the same, long before the cache's maximum age (a minute here) would have ended A's
 * copy.
 */
class NoticeHeartbeatIT {

	static RedisServer redis;

	static TcpProxy proxy;

	static Instances.Instance a;

	static Instances.Instance b;

	@BeforeAll
	static void start() {
		redis = RedisServers.start(RedisOptions.defaults());
		proxy = TcpProxy.start(0, new InetSocketAddress(redis.host(), redis.port()));
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.put("cardstore.session.near-cache.max-age", "60s");
		b = Instances.start("instance-b", properties);
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.port", Integer.toString(proxy.port()));
		a = Instances.start("instance-a", properties);
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(b, a, proxy, redis);
	}

	@Test
	void aSilentNoticeConnectionIsFoundAndTheCacheStopsServing() {
		Browser browser = new Browser("Firefox");
		String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
		browser.login(b.port(), user);
		Browser sameCookie = new Browser("Copy").withSession(browser.sessionId());
		assertThat(sameCookie.whoami(a.port())).as("cached on A").isEqualTo(user);

		proxy.silenceWhereClientSent("SUBSCRIBE");
		long silenced = System.nanoTime();
		browser.logout(b.port());
		String seen;
		do {
			seen = sameCookie.whoami(a.port());
		}
		while (!seen.equals("anonymous") && System.nanoTime() - silenced < Duration.ofSeconds(10).toNanos());
		Duration found = Duration.ofNanos(System.nanoTime() - silenced);
		System.out.println("A silent notice connection was found, and the logout seen, " + found.toMillis()
				+ " ms after it went silent");

		assertThat(seen).as("the logout seen on A without its notice").isEqualTo("anonymous");
		assertThat(found).as("found within three heartbeats, with room for a busy machine")
			.isLessThan(Duration.ofSeconds(2));
		proxy.resume();
		Browser next = new Browser("Firefox");
		String other = "user-" + UUID.randomUUID().toString().substring(0, 8);
		next.login(a.port(), other);
		assertThat(next.whoami(b.port())).isEqualTo(other);
		assertThat(next.whoami(a.port())).as("A serves again").isEqualTo(other);
	}

}
