package io.cardstore.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The change notices between replicas: what this replica publishes when it changes or
 * deletes a session, and its subscription to those of the others, which keeps its
 * {@link SessionNearCache} right. The cache serves only while the subscription is known
 * to hold: confirmed by Redis, and checked by a heartbeat ({@link #check()}).
 */
final class SessionChangeNotices {

	private static final Log logger = LogFactory.getLog(SessionChangeNotices.class);

	private static final Duration LISTEN_RETRY = Duration.ofSeconds(5);

	private final RedisSessionConnections redis;

	private final String channel;

	private final SessionNearCache cache;

	private final SessionNearCache.Listener listener;

	private final LongAdder published = new LongAdder();

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile long nextListenAttempt = System.nanoTime();

	private volatile @Nullable StatefulRedisPubSubConnection<String, String> notices;

	private volatile @Nullable CompletionStage<String> heartbeat;

	private int missedBeats;

	SessionChangeNotices(RedisSessionConnections redis, SessionKeys keys, SessionNearCache cache) {
		this.redis = redis;
		this.channel = keys.changes();
		this.cache = cache;
		this.listener = cache.new Listener();
	}

	/** The channel the notices go through. */
	String channel() {
		return this.channel;
	}

	/** The notice of a change to this session, counted as published. */
	String published(String id) {
		this.published.increment();
		return this.cache.noticeOf(id);
	}

	/** Notices of changes this replica has sent to the others. */
	long publishedCount() {
		return this.published.sum();
	}

	/**
	 * Checks that the change notices still arrive, called every heartbeat: a PING on
	 * their connection, answered by the second check after it. A connection that goes
	 * silent without closing (a blackholed node, a NAT that forgot it) is noticed by
	 * nothing else for minutes, while the near cache would serve copies no notice can
	 * correct; unanswered (or failed, as a PING that timed out), the connection is
	 * dropped and the cache stops serving, as when the connection closes, until the next
	 * request subscribes again on a new one. Two beats, not one, so that a pause of Redis
	 * or of this JVM shorter than that empties no cache.
	 */
	synchronized void check() {
		StatefulRedisPubSubConnection<String, String> connection = this.notices;
		if (connection == null) {
			this.heartbeat = null;
			if (this.cache.isLive()) {
				// Live with no subscription to keep it so (a late confirmation from a
				// dropped connection).
				this.cache.stopServing("No connection for the session change notices");
			}
			return;
		}
		if (!this.cache.isLive()) {
			this.heartbeat = null;
			return;
		}
		CompletableFuture<String> previous = (this.heartbeat != null) ? this.heartbeat.toCompletableFuture() : null;
		if (previous != null && (!previous.isDone() || previous.isCompletedExceptionally())) {
			if (previous.isDone() || ++this.missedBeats >= 2) {
				this.heartbeat = null;
				this.missedBeats = 0;
				// Detached and dropped before the cache stops serving, so that nothing
				// from this connection can make it live again.
				connection.removeListener((RedisPubSubListener<String, String>) this.listener);
				connection.removeListener((RedisConnectionStateListener) this.listener);
				this.notices = null;
				this.redis.dropChanges(connection);
				this.cache.stopServing("No answer on the session change notices' connection");
			}
			return;
		}
		this.missedBeats = 0;
		this.heartbeat = connection.async().ping();
	}

	/**
	 * Subscribes to the change notices, from the first request on (an application that
	 * serves none opens nothing), on a thread of its own so that no request waits for
	 * Redis to answer; tried again every few seconds until the subscription holds, after
	 * which Lettuce keeps it up across reconnects.
	 */
	void listen() {
		long now = System.nanoTime();
		if ((this.cache.isLive() && this.notices != null) || now - this.nextListenAttempt < 0
				|| !this.listening.compareAndSet(false, true)) {
			return;
		}
		this.nextListenAttempt = now + LISTEN_RETRY.toNanos();
		Thread attempt = new Thread(() -> {
			try {
				StatefulRedisPubSubConnection<String, String> changes = this.redis.openChanges();
				if (changes != this.notices) {
					// The first connection, or a new one after the connection factory was
					// restarted.
					changes.addListener((RedisPubSubListener<String, String>) this.listener);
					changes.addListener((RedisConnectionStateListener) this.listener);
					this.notices = changes;
				}
				// Not awaited: the cache turns live when Redis confirms the subscription.
				this.notices.async().subscribe(this.channel);
			}
			catch (RuntimeException ex) {
				logger.debug("Cannot listen for session changes yet: " + ex.getMessage());
			}
			finally {
				this.listening.set(false);
			}
		}, "session-change-notices");
		attempt.setDaemon(true);
		attempt.start();
	}

}
