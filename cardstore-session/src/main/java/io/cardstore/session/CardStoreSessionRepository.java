package io.cardstore.session;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import io.cardstore.session.SessionAttributeCodec.UnreadableValueException;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

/**
 * HTTP sessions in Redis that cost almost nothing per request:
 * <ul>
 * <li>a request whose session this replica has cached, and that changes nothing, makes no
 * Redis call ({@link SessionNearCache});</li>
 * <li>a cache miss is one {@code HGETALL};</li>
 * <li>a change is one round trip: a script that writes only the changed fields and the expiry
 * and publishes the change, sent together with the update of the user's index when the session
 * is new, has a new id or a new user;</li>
 * <li>the last-access time is written at most once per touch interval, and the response does
 * not wait for it; such a touch tells no other replica: a copy with an older last access is still right to serve, and before a
 * cached copy is taken for expired, Redis is asked.</li>
 * </ul>
 * Expiry is Redis's own TTL, so no keyspace notifications and no cleanup job are needed, and
 * the per-user index prunes itself as it is written (see {@link SessionKeys} for the layout).
 * Every command touches one key, so the store runs on Redis Cluster, ElastiCache Serverless
 * included. A value that cannot be read makes the whole session absent, never an error.
 */
public final class CardStoreSessionRepository implements FindByIndexNameSessionRepository<CardStoreSession> {

	private static final Log logger = LogFactory.getLog(CardStoreSessionRepository.class);

	private static final String CREATED = "created";

	private static final String ACCESSED = "accessed";

	private static final String IDLE = "idle";

	private static final Duration LISTEN_RETRY = Duration.ofSeconds(5);

	private static final int MAX_TOUCHES_IN_FLIGHT = 1000;

	private final RedisSessionConnections redis;

	private final SessionKeys keys;

	private final SessionAttributeCodec codec;

	private final SessionNearCache cache;

	private final Settings settings;

	private final Clock clock;

	private final SessionNearCache.Listener listener;

	private final PrincipalNameIndexResolver<Session> principalNames = new PrincipalNameIndexResolver<>();

	private volatile long nextListenAttempt = System.nanoTime();

	private volatile StatefulRedisPubSubConnection<String, String> notices;

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile CompletionStage<String> heartbeat;

	private int missedBeats;

	private final ObservationRegistry observations;

	private final LongAdder noticesPublished = new LongAdder();

	/**
	 * Touches sent and not answered yet, bounded: should Redis slow down, requests wait for their
	 * touch again rather than pile up commands in memory.
	 */
	private final Semaphore touchesInFlight = new Semaphore(MAX_TOUCHES_IN_FLIGHT);

	CardStoreSessionRepository(RedisSessionConnections redis, SessionAttributeCodec codec, SessionNearCache cache,
			Settings settings, Clock clock, ObservationRegistry observations) {
		this.observations = observations;
		this.redis = redis;
		this.keys = new SessionKeys(settings.namespace());
		this.codec = codec;
		this.cache = cache;
		this.settings = settings;
		this.clock = clock;
		this.listener = cache.new Listener();
	}

	/**
	 * How the store treats sessions.
	 *
	 * @param namespace the prefix of the store's keys
	 * @param defaultMaxInactiveInterval the idle timeout of a new session
	 * @param absoluteLifetime how long a session may live however active it is
	 * @param touchInterval how often, at most, a request that changes nothing writes the last
	 * access time
	 */
	record Settings(String namespace, Duration defaultMaxInactiveInterval, Duration absoluteLifetime,
			Duration touchInterval) {
	}

	@Override
	public CardStoreSession createSession() {
		return new CardStoreSession(this.codec, this.settings.defaultMaxInactiveInterval());
	}

	@Override
	public CardStoreSession findById(String id) {
		StoredSession stored = find(id);
		return (stored != null) ? new CardStoreSession(this.codec, stored) : null;
	}

	private StoredSession find(String id) {
		if (!SessionIds.isWellFormed(id)) {
			return null;
		}
		listenForChanges();
		Instant now = this.clock.instant();
		// While the command connection is down, so is the store: no answer from the cache either.
		StoredSession stored = this.redis.isConnected() ? this.cache.get(id) : null;
		// A cached copy may lag behind touches made on other replicas, which send no notice: only
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
		StoredSession before = session.stored();
		boolean whole = session.isNew() || !session.getId().equals(session.storedId());
		boolean attributesChanged = !session.changedAttributes().isEmpty() || !session.removedAttributes().isEmpty();
		if (!whole && !attributesChanged && !isTouchDue(session)
				&& session.getMaxInactiveInterval().equals(before.maxInactiveInterval())) {
			return;
		}
		Observation.createNotStarted("cardstore.session.saves", this.observations)
			.observe(() -> write(session, before, whole, attributesChanged));
	}

	private void write(CardStoreSession session, StoredSession before, boolean whole, boolean attributesChanged) {
		Set<String> removed = Set.copyOf(session.removedAttributes());
		Map<String, StoredAttribute> written = new HashMap<>();
		for (String name : session.changedAttributes()) {
			written.put(name, this.codec.encode(name, session.getAttribute(name)));
		}
		String principal = principalOf(session, before);
		Map<String, StoredAttribute> attributes = (before != null)
				? before.with(session.getLastAccessedTime(), session.getMaxInactiveInterval(), written, removed, principal)
					.attributes()
				: written;
		StoredSession after = new StoredSession(session.getId(), session.getCreationTime(),
				session.getLastAccessedTime(), session.getMaxInactiveInterval(), attributes, principal);
		Instant now = this.clock.instant();
		Instant expiresAt = after.expiresAt(this.settings.absoluteLifetime());
		if (!expiresAt.isAfter(now)) {
			deleteById((before != null) ? before.id() : session.getId());
			return;
		}
		// Only the last access (and with it the expiry) moves: no other replica needs to know.
		boolean touchOnly = !whole && !attributesChanged
				&& session.getMaxInactiveInterval().equals(before.maxInactiveInterval());

		// Sent back to back, awaited together: one round trip whatever the number of commands.
		String[] saveArguments = saveArguments(after, whole ? after.attributes() : written, whole ? Set.of() : removed,
				whole, session.isNew() || touchOnly, expiresAt);
		CompletionStage<Long> saved = this.redis
			.send((commands) -> SessionScripts.SAVE.run(commands, this.keys.session(session.getId()), saveArguments));
		CompletionStage<Long> replaced = (whole && before != null) ? this.redis.send((commands) -> SessionScripts.DELETE
			.run(commands, this.keys.session(before.id()), this.keys.changes(), published(before.id()))) : null;
		List<CompletionStage<Long>> indexes = new ArrayList<>();
		String previousPrincipal = (before != null) ? before.principalName() : null;
		// A touch moves the session's score in the index only when it crosses into the next step.
		if (principal != null && (whole || !principal.equals(previousPrincipal)
				|| !indexScore(after).equals(indexScore(before)))) {
			List<String> entries = new ArrayList<>(List.of(Long.toString(indexScore(after).toEpochMilli()), session.getId()));
			if (replaced != null && principal.equals(previousPrincipal)) {
				entries.addAll(List.of("-", before.id()));
			}
			indexes.add(index(principal, now, entries));
		}
		if (previousPrincipal != null && !previousPrincipal.equals(principal)) {
			indexes.add(index(previousPrincipal, now, List.of("-", before.id())));
		}
		if (touchOnly && this.touchesInFlight.tryAcquire()) {
			// Nothing the response depends on: it leaves without waiting for Redis.
			session.saved(after);
			this.cache.update(session.getId(), (cached) -> cached.with(session.getLastAccessedTime(),
					session.getMaxInactiveInterval(), Map.of(), Set.of(), principal));
			settle(session.getId(), principal, saved, indexes);
			return;
		}
		boolean stillThere;
		try {
			stillThere = this.redis.await(saved) == 1L;
			// A new id for a session that ended meanwhile (revoked, say) must not carry it on.
			stillThere &= (replaced == null || this.redis.await(replaced) == 1L);
			indexes.forEach(this.redis::await);
		}
		catch (SessionStoreUnavailableException ex) {
			if (whole || attributesChanged) {
				throw ex;
			}
			// Only the last access was due: the response must not fail for it; the next request writes it.
			logger.warn("Could not write the last access of session " + SessionIds.abbreviate(session.getId()) + ": "
					+ ex.getMessage());
			return;
		}
		session.saved(after);
		if (!stillThere) {
			// Ended elsewhere while this request ran (logout, revocation, expiry): it stays ended.
			logger.debug("Session " + SessionIds.abbreviate(session.getId()) + " ended during the request; not saved");
			end(session.getId(), principal);
			return;
		}
		if (whole) {
			if (before != null) {
				this.cache.invalidate(before.id());
			}
			this.cache.put(after);
		}
		else {
			this.cache.update(session.getId(), (cached) -> cached.with(session.getLastAccessedTime(),
					session.getMaxInactiveInterval(), written, removed, principal));
		}
	}

	/**
	 * Follows a touch no request waits for, on the thread that completes its replies, so without
	 * blocking: a failure is logged (the next request writes the last access again), and a session
	 * that ended elsewhere meanwhile leaves this replica's cache and its user's index, which the
	 * touch may have written it back into.
	 */
	private void settle(String id, String principal, CompletionStage<Long> saved, List<CompletionStage<Long>> indexes) {
		List<CompletableFuture<Long>> replies = new ArrayList<>(List.of(saved.toCompletableFuture()));
		indexes.forEach((index) -> replies.add(index.toCompletableFuture()));
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> {
			this.touchesInFlight.release();
			if (failure != null) {
				logger.warn("Could not write the last access of session " + SessionIds.abbreviate(id) + ": "
						+ RedisSessionConnections.translate(unwrap(failure)).getMessage());
			}
			else if (saved.toCompletableFuture().join() == 0L) {
				this.cache.invalidate(id);
				if (principal != null && !indexes.isEmpty()) {
					index(principal, this.clock.instant(), List.of("-", id));
				}
			}
		});
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException wrapped && wrapped.getCause() != null) ? wrapped.getCause()
				: failure;
	}

	/**
	 * A session's score in its user's index: never before it expires (the index prunes members
	 * past their score, and must not lose a live session), and moving in steps of the idle
	 * timeout, so that touches rewrite the index once per idle timeout rather than each time:
	 * the end of the step after the one the last access falls in, at most the absolute end. A
	 * session that idles out leaves the index at most two idle timeouts later.
	 */
	private Instant indexScore(StoredSession session) {
		Instant absoluteEnd = session.creationTime().plus(this.settings.absoluteLifetime());
		long step = session.maxInactiveInterval().toMillis();
		if (step <= 0) {
			return absoluteEnd;
		}
		Instant score = Instant.ofEpochMilli((Math.floorDiv(session.lastAccessedTime().toEpochMilli(), step) + 2) * step);
		return score.isBefore(absoluteEnd) ? score : absoluteEnd;
	}

	/**
	 * The arguments of {@link SessionScripts#SAVE} for these fields.
	 * @param silent whether no other replica needs a notice: a new session, which none can have
	 * cached, or a touch, which leaves every cached copy right to serve
	 */
	private String[] saveArguments(StoredSession after, Map<String, StoredAttribute> written, Set<String> removed,
			boolean whole, boolean silent, Instant expiresAt) {
		List<String> fields = new ArrayList<>(List.of(ACCESSED, Long.toString(after.lastAccessedTime().toEpochMilli()),
				IDLE, Long.toString(after.maxInactiveInterval().toSeconds())));
		if (whole) {
			fields.addAll(List.of(CREATED, Long.toString(after.creationTime().toEpochMilli())));
		}
		for (StoredAttribute attribute : written.values()) {
			fields.add(attribute.field());
			fields.add(attribute.json());
		}
		// An attribute may move between its compact and its generic field: the field it left goes.
		// A session written whole has no field to delete.
		List<String> deleted = new ArrayList<>();
		if (!whole) {
			removed.forEach((name) -> deleted.addAll(SessionAttributeCodec.fieldsOf(name)));
			written.forEach((name, attribute) -> SessionAttributeCodec.fieldsOf(name)
				.stream()
				.filter((field) -> !field.equals(attribute.field()))
				.forEach(deleted::add));
		}
		List<String> arguments = new ArrayList<>();
		arguments.add(whole ? "0" : "1");
		arguments.add(Long.toString(expiresAt.toEpochMilli()));
		arguments.add(silent ? "" : this.keys.changes());
		if (!silent) {
			this.noticesPublished.increment();
		}
		arguments.add(this.cache.noticeOf(after.id()));
		arguments.add(Integer.toString(fields.size() / 2));
		arguments.addAll(fields);
		arguments.addAll(deleted);
		return arguments.toArray(String[]::new);
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

	/** Deletes a session and its entry in the user's index, and tells the other replicas. */
	private void end(String id, String principal) {
		CompletionStage<Long> deleted = this.redis.send((commands) -> SessionScripts.DELETE.run(commands,
				this.keys.session(id), this.keys.changes(), published(id)));
		CompletionStage<Long> unindexed = (principal != null) ? index(principal, this.clock.instant(), List.of("-", id))
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
		Instant now = this.clock.instant();
		List<String> ids = this.redis.await(this.redis.send((commands) -> commands
			.zrangebyscore(this.keys.user(indexValue), Range.create(now.toEpochMilli(), Double.POSITIVE_INFINITY))));
		// Read from Redis, not the cache, all at once: the list is what Redis holds now.
		Map<String, CompletionStage<Map<String, String>>> replies = new LinkedHashMap<>();
		ids.forEach((id) -> replies.put(id, this.redis.send((commands) -> commands.hgetall(this.keys.session(id)))));
		Map<String, CardStoreSession> sessions = new LinkedHashMap<>();
		List<String> gone = new ArrayList<>();
		replies.forEach((id, reply) -> {
			StoredSession stored = decode(id, awaitSession(id, reply));
			if (stored != null && !stored.isExpired(now, this.settings.absoluteLifetime())
					&& indexValue.equals(stored.principalName())) {
				sessions.put(id, new CardStoreSession(this.codec, stored));
			}
			else {
				gone.add("-");
				gone.add(id);
			}
		});
		if (!gone.isEmpty()) {
			this.redis.await(index(indexValue, now, gone));
		}
		return sessions;
	}

	private boolean isTouchDue(CardStoreSession session) {
		if (!session.getLastAccessedTime().isAfter(session.stored().lastAccessedTime())) {
			// Already written, by the save at response commit: Spring Session saves again at the end.
			return false;
		}
		Duration interval = this.settings.touchInterval();
		Duration tenthOfIdle = session.getMaxInactiveInterval().dividedBy(10);
		if (!tenthOfIdle.isNegative() && tenthOfIdle.compareTo(interval) < 0) {
			interval = tenthOfIdle;
		}
		return Duration.between(session.stored().lastAccessedTime(), session.getLastAccessedTime())
			.compareTo(interval) >= 0;
	}

	private String principalOf(CardStoreSession session, StoredSession before) {
		boolean mayHaveChanged = before == null || touches(session, PRINCIPAL_NAME_INDEX_NAME)
				|| touches(session, SessionAttributeCodec.SECURITY_CONTEXT);
		return mayHaveChanged ? this.principalNames.resolveIndexValueFor(session) : before.principalName();
	}

	private static boolean touches(CardStoreSession session, String name) {
		return session.changedAttributes().contains(name) || session.removedAttributes().contains(name);
	}

	private CompletionStage<Long> index(String principal, Instant now, List<String> entries) {
		List<String> arguments = new ArrayList<>(entries.size() + 1);
		arguments.add(Long.toString(now.toEpochMilli()));
		arguments.addAll(entries);
		String[] indexArguments = arguments.toArray(String[]::new);
		return this.redis.send((commands) -> SessionScripts.INDEX.run(commands, this.keys.user(principal), indexArguments));
	}

	/** Reads a session from Redis: one round trip. */
	private StoredSession read(String id) {
		return Observation.createNotStarted("cardstore.session.reads", this.observations)
			.observe(() -> decode(id, awaitSession(id, this.redis.send((commands) -> commands.hgetall(this.keys.session(id))))));
	}

	private Map<String, String> awaitSession(String id, CompletionStage<Map<String, String>> reply) {
		try {
			return this.redis.await(reply);
		}
		catch (RedisSystemException ex) {
			if (ex.getCause() instanceof RedisCommandExecutionException answer && answer.getMessage() != null
					&& answer.getMessage().startsWith("WRONGTYPE")) {
				// A key of another type under a session's name is no session, and no outage either.
				logger.warn("Session " + SessionIds.abbreviate(id) + " could not be read (" + answer.getMessage()
						+ "); treating it as absent");
				return Map.of();
			}
			throw ex;
		}
	}

	private StoredSession decode(String id, Map<String, String> hash) {
		if (hash.isEmpty()) {
			return null;
		}
		try {
			Map<String, StoredAttribute> attributes = new HashMap<>();
			hash.forEach((field, value) -> {
				String name = SessionAttributeCodec.attributeOf(field);
				if (name != null) {
					attributes.put(name, this.codec.decode(field, value));
				}
			});
			StoredSession stored = new StoredSession(id, Instant.ofEpochMilli(Long.parseLong(hash.get(CREATED))),
					Instant.ofEpochMilli(Long.parseLong(hash.get(ACCESSED))),
					Duration.ofSeconds(Long.parseLong(hash.get(IDLE))), attributes, null);
			String principal = this.principalNames.resolveIndexValueFor(new CardStoreSession(this.codec, stored));
			// Times out of range fail here, not later in a request.
			stored.expiresAt(this.settings.absoluteLifetime());
			return new StoredSession(id, stored.creationTime(), stored.lastAccessedTime(),
					stored.maxInactiveInterval(), attributes, principal);
		}
		// IllegalArgumentException covers numbers that do not parse; NullPointerException, a missing field.
		catch (UnreadableValueException | DateTimeException | ArithmeticException
				| ClassCastException | IllegalArgumentException | NullPointerException ex) {
			logger.warn("Session " + SessionIds.abbreviate(id) + " cannot be read by this release (" + ex.getMessage()
					+ "); treating it as absent");
			return null;
		}
	}

	/** The notice of a change to this session, counted as published. */
	private String published(String id) {
		this.noticesPublished.increment();
		return this.cache.noticeOf(id);
	}

	/** Notices of changes this replica has sent to the others. */
	long noticesPublished() {
		return this.noticesPublished.sum();
	}

	SessionNearCache nearCache() {
		return this.cache;
	}

	/**
	 * Checks that the change notices still arrive, called every heartbeat: a PING on their
	 * connection, answered by the second check after it. A connection that goes silent without
	 * closing (a blackholed node, a NAT that forgot it) is noticed by nothing else for minutes,
	 * while the near cache would serve copies no notice can correct; unanswered (or failed, as a
	 * PING that timed out), the connection is dropped and the cache stops serving, as when the
	 * connection closes, until the next request subscribes again on a new one. Two beats, not
	 * one, so that a pause of Redis or of this JVM shorter than that empties no cache.
	 */
	synchronized void checkNotices() {
		StatefulRedisPubSubConnection<String, String> connection = this.notices;
		if (connection == null) {
			this.heartbeat = null;
			if (this.cache.isLive()) {
				// Live with no subscription to keep it so (a late confirmation from a dropped connection).
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
				// Detached and dropped before the cache stops serving, so that nothing from this connection can make it live again.
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
	 * Subscribes to the change notices, from the first request on (an application that serves
	 * none opens nothing), on a thread of its own so that no request waits for Redis to answer;
	 * tried again every few seconds until the subscription holds, after which Lettuce keeps it
	 * up across reconnects.
	 */
	private void listenForChanges() {
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
					// The first connection, or a new one after the connection factory was restarted.
					changes.addListener((RedisPubSubListener<String, String>) this.listener);
					changes.addListener((RedisConnectionStateListener) this.listener);
					this.notices = changes;
				}
				// Not awaited: the cache turns live when Redis confirms the subscription.
				this.notices.async().subscribe(this.keys.changes());
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
