package io.cardstore.web.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardstore.local.Replica;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;

import static org.awaitility.Awaitility.await;

/**
 * The topology CardStore exists for: a real nginx in front of two replicas started from
 * the built jar, {@code replica-a} and {@code replica-b}, one Redis (append-only) and the
 * AWS emulators, with a user registered and logged in through nginx. Started once for a
 * test class, as the replicas take a while to start.
 */
final class Cluster implements AutoCloseable {

	private RedisServer redis;

	private Replica a;

	private Replica b;

	private NginxServer nginx;

	private WebClient user;

	/** Starts the cluster; {@link #close()} stops what started. */
	void start() {
		this.redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());
		Map<String, String> properties = new HashMap<>(this.redis.connectionProperties());
		properties.putAll(AwsEmulators.shared().connectionProperties());
		properties.putAll(MailCatcher.shared().connectionProperties());
		this.a = new Replica("replica-a", properties);
		this.b = new Replica("replica-b", properties);
		Replica.startTogether(List.of(this.a, this.b));
		this.nginx = NginxServer.start(List.of(this.a.address(), this.b.address()));
		this.user = registeredAndLoggedIn();
	}

	/**
	 * Brings the cluster back to where every test starts, whatever ran before: both
	 * replicas up (one a failed test left stopped is started again) and in nginx's
	 * rotation again (one a test killed or stopped is left out for a while).
	 */
	void bothReplicasServe() {
		for (Replica replica : List.of(this.a, this.b)) {
			if (!replica.isRunning()) {
				replica.start();
			}
		}
		await("both replicas in nginx's rotation").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				Set<String> servedBy = new HashSet<>();
				for (int i = 0; i < 6; i++) {
					this.user.get(this.nginx.url() + "/").headers().firstValue("X-Served-By").ifPresent(servedBy::add);
				}
				return servedBy.containsAll(Set.of("replica-a", "replica-b"));
			});
	}

	/** Registers through nginx, opens the link from the mail, logs in. */
	WebClient registeredAndLoggedIn() {
		return WebClient.registeredAndLoggedIn(this.nginx.url(), MailCatcher.shared());
	}

	RedisServer redis() {
		return this.redis;
	}

	Replica a() {
		return this.a;
	}

	Replica b() {
		return this.b;
	}

	NginxServer nginx() {
		return this.nginx;
	}

	/** The user registered and logged in as the cluster started. */
	WebClient user() {
		return this.user;
	}

	@Override
	public void close() {
		for (AutoCloseable running : new AutoCloseable[] { this.nginx, this.a, this.b, this.redis }) {
			try {
				if (running != null) {
					running.close();
				}
			}
			catch (Exception ex) {
				// Keep stopping the others.
			}
		}
	}

}
