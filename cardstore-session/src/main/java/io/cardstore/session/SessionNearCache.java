package io.cardstore.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decoded sessions this replica has read or written, so that a request whose session
 * nothing changed costs no Redis round trip.
 * <p>
 * Every write and delete of the store publishes the session id on a Redis channel; each
 * replica drops its copy when another replica's notice arrives. Plain pub/sub, because
 * every ElastiCache flavour supports it (serverless and cluster mode included, where a
 * publish reaches the whole cluster), whereas server-assisted client-side caching
 * ({@code CLIENT TRACKING}) is not available everywhere. Three guards keep a lost notice
 * harmless:
 * <ul>
 * <li>an entry lives at most {@code max-age} from when it was read, however often this
 * replica updates it with its own writes, so a missed notice delays a logout by no
 * more;</li>
 * <li>while the notice connection is down, or silent (a PING on it every heartbeat goes
 * unanswered), nothing is served from the cache, and the cache is emptied when it drops
 * and again when the subscription is back;</li>
 * <li>a read that raced a notice is not cached: every id hashes to a stripe whose counter
 * each notice increments, and a read is cached only if its stripe did not move while it
 * was in flight.</li>
 * </ul>
 */
final class SessionNearCache {

	private static final Log logger = LogFactory.getLog(SessionNearCache.class);

	private static final int STRIPES = 1024;

	private final Cache<String, StoredSession> sessions;

	private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);

	/**
	 * Moves on every clear, so that a read that spans a reconnect is not cached either.
	 */
	private final AtomicLong epoch = new AtomicLong();

	/** Tells this replica's own notices from the others'. */
	private final String writer = SessionIds.next().substring(0, 12);

	private volatile boolean live;

	private final LongAdder noticesFromOthers = new LongAdder();

	private final LongAdder noticesOwn = new LongAdder();

	SessionNearCache(long maximumBytes, Duration maximumAge) {
		// Bounded by memory, not by count: anonymous sessions can be made large (a saved
		// request's headers).
		this.sessions = Caffeine.newBuilder()
			.maximumWeight(maximumBytes)
			.weigher((String id, StoredSession session) -> session.weight())
			.expireAfter(Expiry.<String, StoredSession>creating((id, session) -> maximumAge))
			// Upkeep (evictions, expiries) runs on the thread that changed the cache,
			// under a lock it only tries: a touch on every request would otherwise wake
			// a common-pool thread each time, which then contends for that lock.
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	/** Whether entries can be trusted: the notices of other replicas are arriving. */
	boolean isLive() {
		return this.live;
	}

	@Nullable StoredSession get(String id) {
		return this.live ? this.sessions.getIfPresent(id) : null;
	}

	/**
	 * Taken before a read from Redis; {@link #putIfUnchanged} caches the result only if
	 * it still holds.
	 */
	long stamp(String id) {
		return this.stripes.get(stripe(id)) + this.epoch.get();
	}

	void putIfUnchanged(StoredSession session, long stamp) {
		if (!this.live) {
			return;
		}
		this.sessions.put(session.id(), session);
		// Checked after the put: a notice that arrived in between removes the entry again
		// here.
		if (stamp(session.id()) != stamp) {
			this.sessions.invalidate(session.id());
		}
	}

	/** A session this replica has just written as a whole (new, or under a new id). */
	void put(StoredSession session) {
		// Moved like a notice, so that a read of the older state in flight on this
		// replica is not cached.
		this.stripes.incrementAndGet(stripe(session.id()));
		if (this.live) {
			this.sessions.put(session.id(), session);
		}
	}

	/** Applies this replica's own write to the cached copy, if there is one. */
	void update(String id, UnaryOperator<StoredSession> write) {
		this.stripes.incrementAndGet(stripe(id));
		this.sessions.asMap().computeIfPresent(id, (key, cached) -> write.apply(cached));
	}

	/**
	 * Applies this replica's own touch to the cached copy, if there is one. Unlike a
	 * write, it leaves the stripe alone: a read in flight returns the session with an
	 * older last access, which is still right to cache (a copy that looks expired is
	 * checked against Redis). Otherwise, with a touch on every request, a session with
	 * requests in parallel would never stay cached.
	 */
	void touch(String id, UnaryOperator<StoredSession> touch) {
		this.sessions.asMap().computeIfPresent(id, (key, cached) -> touch.apply(cached));
	}

	void invalidate(String id) {
		this.stripes.incrementAndGet(stripe(id));
		this.sessions.invalidate(id);
	}

	void clear() {
		this.epoch.incrementAndGet();
		this.sessions.invalidateAll();
	}

	/** Hits, misses and evictions so far, for the meters. */
	CacheStats stats() {
		return this.sessions.stats();
	}

	long entries() {
		return this.sessions.estimatedSize();
	}

	/** Roughly the memory the cached sessions take. */
	long bytes() {
		return this.sessions.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0)).orElse(0L);
	}

	/**
	 * Notices received from other replicas, each of which dropped a cached copy (if there
	 * was one).
	 */
	long noticesFromOthers() {
		return this.noticesFromOthers.sum();
	}

	/** This replica's own notices, received back and ignored. */
	long noticesOwn() {
		return this.noticesOwn.sum();
	}

	/**
	 * Serves nothing until the notices are subscribed again, and forgets what it holds.
	 */
	void stopServing(String why) {
		this.live = false;
		clear();
		logger.warn(why + "; sessions are read from Redis until the notices are back");
	}

	/** The notice this replica publishes when it writes or deletes a session. */
	String noticeOf(String id) {
		return this.writer + " " + id;
	}

	/** Listens to the notices and to the state of their connection. */
	final class Listener extends RedisPubSubAdapter<String, String> implements RedisConnectionStateListener {

		@Override
		public void message(String channel, String notice) {
			int space = notice.indexOf(' ');
			if (space > 0 && !notice.regionMatches(0, SessionNearCache.this.writer, 0, space)) {
				invalidate(notice.substring(space + 1));
				SessionNearCache.this.noticesFromOthers.increment();
			}
			else {
				SessionNearCache.this.noticesOwn.increment();
			}
		}

		@Override
		public void subscribed(String channel, long count) {
			// Also called when Lettuce subscribes again after a reconnect: what was
			// cached before may be stale.
			clear();
			SessionNearCache.this.live = true;
			logger.debug("Near cache of sessions is live on channel " + channel);
		}

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			stopServing("Lost the session change notices");
		}

	}

	private static int stripe(String id) {
		return Math.floorMod(id.hashCode(), STRIPES);
	}

}
