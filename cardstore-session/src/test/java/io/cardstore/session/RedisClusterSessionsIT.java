package io.cardstore.session;

import java.time.Duration;
import java.util.UUID;

import io.cardstore.session.Instances.Instance;
import io.cardstore.testing.redis.RedisCluster;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole store on a real Redis Cluster of three masters, as on ElastiCache Serverless
 * or a cluster-mode replication group. A cross-slot command would fail here; none is
 * sent.
 */
class RedisClusterSessionsIT {

	static RedisCluster cluster;

	static Instance a;

	static Instance b;

	static StringRedisTemplate template;

	@BeforeAll
	static void start() {
		cluster = RedisServers.startCluster();
		a = Instances.start("instance-a", cluster.connectionProperties());
		b = Instances.start("instance-b", cluster.connectionProperties());
		template = a.context().getBean(StringRedisTemplate.class);
	}

	@AfterAll
	static void stop() throws Exception {
		Instances.closeAll(b, a, cluster);
	}

	@Test
	void aLoginOnOneReplicaHoldsOnTheOtherAndTheIdChangeKeepsAnExpiry() {
		String user = newUser();
		Browser browser = new Browser("Firefox");
		browser.csrfToken(a.port());
		String beforeLogin = browser.sessionId();

		browser.login(a.port(), user);

		assertThat(browser.whoami(b.port())).isEqualTo(user);
		assertThat(browser.sessionId()).isNotEqualTo(beforeLogin);
		assertThat(template.hasKey(key(beforeLogin))).as("the pre-login session is gone").isFalse();
		assertThat(template.getExpire(key(browser.sessionId()))).as("the new key expires").isPositive();
		assertThat(template.getExpire("cardstore:user:{" + user + "}")).as("so does the user's index").isPositive();
	}

	@Test
	void changesOnBothReplicasAndALogoutAreSeenEverywhere() {
		String user = newUser();
		Browser browser = new Browser("Firefox");
		browser.login(a.port(), user);
		browser.get(a.port(), "/remember?name=left&value=1");
		assertThat(browser.get(b.port(), "/recall?name=left").body()).isEqualTo("1");
		assertThat(browser.get(a.port(), "/recall?name=left").body()).isEqualTo("1");

		browser.get(b.port(), "/remember?name=right&value=2");
		// The notice crosses the cluster bus from the node that holds the session to the
		// one A listens on.
		long written = System.nanoTime();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> browser.get(a.port(), "/recall?name=right").body().equals("2"));
		System.out.println("On the cluster, replica A saw replica B's change after "
				+ Duration.ofNanos(System.nanoTime() - written).toMillis() + " ms");

		browser.logout(b.port());
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> browser.whoami(a.port()).equals("anonymous"));
	}

	@Test
	void aUserListsAndEndsTheirSessions() {
		String user = newUser();
		Browser laptop = new Browser("Laptop");
		Browser phone = new Browser("Phone");
		laptop.login(a.port(), user);
		phone.login(b.port(), user);
		UserSessions sessions = b.context().getBean(UserSessions.class);

		assertThat(sessions.list(user)).extracting(UserSession::handle)
			.containsExactlyInAnyOrder(laptop.sessionHandle(), phone.sessionHandle());
		assertThat(sessions.revokeAllExcept(user, phone.sessionId())).isEqualTo(1);

		// Replica A drops its cached copy when B's notice arrives, a moment later.
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> laptop.whoami(a.port()).equals("anonymous"));
		assertThat(phone.whoami(a.port())).isEqualTo(user);
	}

	private static String key(String id) {
		return "cardstore:session:{" + id + "}";
	}

	private static String newUser() {
		return "user-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
