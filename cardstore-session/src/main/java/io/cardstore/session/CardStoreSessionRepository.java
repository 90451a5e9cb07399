package io.cardstore.session;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * HTTP sessions in Redis that cost almost nothing per request:
 * <ul>
 * <li>a request whose session this replica has cached, and that changes nothing, makes no
 * Redis call ({@link SessionNearCache});</li>
 * <li>a cache miss is one {@code HGETALL};</li>
 * <li>a change is one round trip: a script that writes only the changed fields and the
 * expiry and publishes the change, sent together with the update of the user's index when
 * the session is new, has a new id or a new user;</li>
 * <li>the last-access time is written at most once per touch interval, and the response
 * does not wait for it ({@link SessionTouches}); such a touch tells no other replica: a
 * copy with an older last access is still right to serve, and before a cached copy is
 * taken for expired, Redis is asked.</li>
 * </ul>
 * Expiry is Redis's own TTL, so no keyspace notifications and no cleanup job are needed,
 * and the per-user index prunes itself as it is written (see {@link SessionKeys} for the
 * layout). Every command touches one key, so the store runs on Redis Cluster, ElastiCache
 * Serverless included. A value that cannot be read makes the whole session absent, never
 * an error.
 */
public final class CardStoreSessionRepository implements FindByIndexNameSessionRepository<CardStoreSession> {

	private static final Log logger = LogFactory.getLog(CardStoreSessionRepository.class);

	private final RedisSessionConnections redis;

	private final SessionKeys keys;

	private final SessionAttributeCodec codec;

	private final SessionHash hash;

	private final SessionNearCache cache;

	private final SessionChangeNotices notices;

	private final UserSessionIndex index;

	private final SessionTouches touches;

	private final SessionStoreSettings settings;

	private final Clock clock;

	private final ObservationRegistry observations;

	CardStoreSessionRepository(RedisSessionConnections redis, SessionAttributeCodec codec, SessionNearCache cache,
			SessionStoreSettings settings, Clock clock, ObservationRegistry observations) {
		this.redis = redis;
		this.keys = new SessionKeys(settings.namespace());
		this.codec = codec;
		this.hash = new SessionHash(redis, this.keys, codec, settings.absoluteLifetime());
		this.cache = cache;
		this.notices = new SessionChangeNotices(redis, this.keys, cache);
		this.index = new UserSessionIndex(redis, this.keys, this.hash, settings.absoluteLifetime());
		this.touches = new SessionTouches(cache);
		this.settings = settings;
		this.clock = clock;
		this.observations = observations;
	}

	@Override
	public CardStoreSession createSession() {
		return new CardStoreSession(this.codec, this.settings.defaultMaxInactiveInterval());
	}

	@Override
	public @Nullable CardStoreSession findById(String id) {
		StoredSession stored = find(id);
		return (stored != null) ? new CardStoreSession(this.codec, stored) : null;
	}

	private @Nullable StoredSession find(String id) {
		if (!SessionIds.isWellFormed(id)) {
			return null;
		}
		this.notices.listen();
		Instant now = this.clock.instant();
		// While the command connection is down, so is the store: no answer from the cache
		// either.
		StoredSession stored = this.redis.isConnected() ? this.cache.get(id) : null;
		// A cached copy may lag behind touches made on other replicas, which send no
		// notice: only
		// Redis can tell whether a session that looks expired here is.
		if (stored == null || stored.isExpired(now, this.settings.absoluteLifetime())) {
			long stamp = this.cache.stamp(id);
			stored = read(id);
			if (stored == null) {
				this.cache.invalidate(id);
				return null;
			}
			this.cache.putIfUnchanged(stored, stamp);
		}
		return stored.isExpired(now, this.settings.absoluteLifetime()) ? null : stored;
	}

	@Override
	public void save(CardStoreSession session) {
		if (session.changesOnlyLastAccess()) {
			// Counted by the touches, not timed: no response waits for one, and an
			// observation would cost a request more than the touch itself.
			if (session.isTouchDue(this.settings.touchInterval())) {
				write(session, SessionChange.of(session, this.codec));
			}
			return;
		}
		// Encoding the attributes is part of the save's time.
		Observation.createNotStarted("cardstore.session.saves", this.observations)
			.observe(() -> write(session, SessionChange.of(session, this.codec)));
	}

	private void write(CardStoreSession session, SessionChange change) {
		StoredSession after = change.after();
		Instant now = this.clock.instant();
		Instant expiresAt = after.expiresAt(this.settings.absoluteLifetime());
		if (!expiresAt.isAfter(now)) {
			StoredSession before = change.before();
			deleteById((before != null) ? before.id() : session.getId());
			return;
		}
		SaveReplies replies = send(change, expiresAt, now);
		if (change.touchOnly() && this.touches.followWithoutWaiting(after.id(), replies.saved(), replies.indexes(),
				() -> change.applyTo(this.cache))) {
			session.saved(after);
			return;
		}
		boolean stillThere;
		try {
			stillThere = replies.sessionStillThere(this.redis);
		}
		catch (SessionStoreUnavailableException ex) {
			if (change.whole() || change.attributesChanged()) {
				// Written or not, nobody knows: the next request reads Redis.
				this.cache.invalidate(after.id());
				StoredSession before = change.before();
				if (change.whole() && before != null) {
					this.cache.invalidate(before.id());
				}
				throw ex;
			}
			// Only the last access was due: the response must not fail for it; the next
			// request writes it.
			logger.warn("Could not write the last access of session " + SessionIds.abbreviate(after.id()) + ": "
					+ ex.getMessage());
			return;
		}
		session.saved(after);
		if (stillThere) {
			change.applyTo(this.cache);
		}
		else {
			// Ended elsewhere while this request ran (logout, revocation, expiry): it
			// stays ended.
			logger.debug("Session " + SessionIds.abbreviate(after.id()) + " ended during the request; not saved");
			end(after.id(), after.principalName());
		}
	}

	/**
	 * Sends a change's commands back to back, to be awaited together: one round trip
	 * whatever their number.
	 */
	private SaveReplies send(SessionChange change, Instant expiresAt, Instant now) {
		StoredSession before = change.before();
		StoredSession after = change.after();
		// No notice for a new session, which no replica can have cached, nor for a touch.
		boolean silent = before == null || change.touchOnly();
		String[] saveArguments = SessionScripts.saveArguments(!change.whole(), expiresAt,
				silent ? "" : this.notices.channel(), silent ? "" : this.notices.published(after.id()),
				change.fieldsToSet(), change.fieldsToDelete());
		CompletionStage<Long> saved = this.redis
			.send((commands) -> SessionScripts.SAVE.run(commands, this.keys.session(after.id()), saveArguments));
		CompletionStage<Long> replaced = (change.whole() && before != null)
				? this.redis.send((commands) -> SessionScripts.DELETE.run(commands, this.keys.session(before.id()),
						this.notices.channel(), this.notices.published(before.id())))
				: null;
		return new SaveReplies(saved, replaced, this.index.follow(before, after, replaced != null, now));
	}

	/**
	 * The replies to a save: the script's, the old id's delete when the id changed, the
	 * user index's updates.
	 */
	private record SaveReplies(CompletionStage<Long> saved, @Nullable CompletionStage<Long> replaced,
			List<CompletionStage<Long>> indexes) {

		/**
		 * Waits for every reply; false when the session ended elsewhere meanwhile
		 * (revoked, say): a new id must not carry it on.
		 */
		boolean sessionStillThere(RedisSessionConnections redis) {
			boolean stillThere = redis.await(this.saved) == 1L;
			stillThere &= (this.replaced == null || redis.await(this.replaced) == 1L);
			this.indexes.forEach(redis::await);
			return stillThere;
		}

	}

	@Override
	public void deleteById(String id) {
		if (!SessionIds.isWellFormed(id)) {
			return;
		}
		StoredSession stored = this.cache.get(id);
		if (stored == null) {
			stored = read(id);
		}
		end(id, (stored != null) ? stored.principalName() : null);
	}

	/**
	 * Deletes a session and its entry in the user's index, and tells the other replicas.
	 */
	private void end(String id, @Nullable String principal) {
		CompletionStage<Long> deleted = this.redis.send((commands) -> SessionScripts.DELETE.run(commands,
				this.keys.session(id), this.notices.channel(), this.notices.published(id)));
		CompletionStage<Long> unindexed = (principal != null) ? this.index.remove(principal, id, this.clock.instant())
				: null;
		this.redis.await(deleted);
		if (unindexed != null) {
			this.redis.await(unindexed);
		}
		this.cache.invalidate(id);
	}

	@Override
	public Map<String, CardStoreSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
			return Map.of();
		}
		Map<String, CardStoreSession> sessions = new LinkedHashMap<>();
		this.index.sessions(indexValue, this.clock.instant())
			.forEach((id, stored) -> sessions.put(id, new CardStoreSession(this.codec, stored)));
		return sessions;
	}

	/** Reads a session from Redis: one round trip. */
	private @Nullable StoredSession read(String id) {
		return Observation.createNotStarted("cardstore.session.reads", this.observations)
			.observe(() -> this.hash.read(id));
	}

	/** The change notices between the replicas. */
	SessionChangeNotices notices() {
		return this.notices;
	}

	SessionNearCache nearCache() {
		return this.cache;
	}

	/** The touches no response waited for. */
	SessionTouches touches() {
		return this.touches;
	}

}
