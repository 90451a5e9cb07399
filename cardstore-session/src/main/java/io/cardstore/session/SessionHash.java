package io.cardstore.session;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import io.cardstore.session.SessionAttributeCodec.UnreadableValueException;
import io.lettuce.core.RedisCommandExecutionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

/**
 * A session's Redis hash: how it is laid out (its creation time, last access and idle
 * timeout in fields of their own, and each attribute in the field
 * {@link SessionAttributeCodec} gives it), and reading it. A hash this release cannot
 * read is no session, never an error.
 */
final class SessionHash {

	private static final Log logger = LogFactory.getLog(SessionHash.class);

	private static final String CREATED = "created";

	private static final String ACCESSED = "accessed";

	private static final String IDLE = "idle";

	private final RedisSessionConnections redis;

	private final SessionKeys keys;

	private final SessionAttributeCodec codec;

	private final Duration absoluteLifetime;

	private final PrincipalNameIndexResolver<Session> principalNames = new PrincipalNameIndexResolver<>();

	SessionHash(RedisSessionConnections redis, SessionKeys keys, SessionAttributeCodec codec,
			Duration absoluteLifetime) {
		this.redis = redis;
		this.keys = keys;
		this.codec = codec;
		this.absoluteLifetime = absoluteLifetime;
	}

	/**
	 * Field and value pairs to set: the last access and idle timeout, the creation time
	 * of a session written whole, and these attributes.
	 */
	static List<String> fieldsToSet(StoredSession session, Collection<StoredAttribute> attributes, boolean whole) {
		List<String> fields = new ArrayList<>(
				List.of(ACCESSED, Long.toString(session.lastAccessedTime().toEpochMilli()), IDLE,
						Long.toString(session.maxInactiveInterval().toSeconds())));
		if (whole) {
			fields.addAll(List.of(CREATED, Long.toString(session.creationTime().toEpochMilli())));
		}
		for (StoredAttribute attribute : attributes) {
			fields.add(attribute.field());
			fields.add(attribute.json());
		}
		return fields;
	}

	/**
	 * Fields to delete: those of the removed attributes, and those written attributes
	 * left, as an attribute may move between its compact and its generic field.
	 */
	static List<String> fieldsToDelete(Map<String, StoredAttribute> written, Set<String> removed) {
		List<String> deleted = new ArrayList<>();
		removed.forEach((name) -> deleted.addAll(SessionAttributeCodec.fieldsOf(name)));
		written.forEach((name, attribute) -> SessionAttributeCodec.fieldsOf(name)
			.stream()
			.filter((field) -> !field.equals(attribute.field()))
			.forEach(deleted::add));
		return deleted;
	}

	/**
	 * Reads a session: one {@code HGETALL}; {@code null} for none, or one this release
	 * cannot read.
	 */
	@Nullable StoredSession read(String id) {
		return decode(id, await(id, fetch(id)));
	}

	/**
	 * Reads sessions, all at once: one round trip; those there are, by id, in the order
	 * given.
	 */
	Map<String, StoredSession> readAll(Collection<String> ids) {
		Map<String, CompletionStage<Map<String, String>>> replies = new LinkedHashMap<>();
		ids.forEach((id) -> replies.put(id, fetch(id)));
		Map<String, StoredSession> sessions = new LinkedHashMap<>();
		replies.forEach((id, reply) -> {
			StoredSession stored = decode(id, await(id, reply));
			if (stored != null) {
				sessions.put(id, stored);
			}
		});
		return sessions;
	}

	private CompletionStage<Map<String, String>> fetch(String id) {
		return this.redis.send((commands) -> commands.hgetall(this.keys.session(id)));
	}

	private Map<String, String> await(String id, CompletionStage<Map<String, String>> reply) {
		try {
			return this.redis.await(reply);
		}
		catch (RedisSystemException ex) {
			if (ex.getCause() instanceof RedisCommandExecutionException answer && answer.getMessage() != null
					&& answer.getMessage().startsWith("WRONGTYPE")) {
				// A key of another type under a session's name is no session, and no
				// outage either.
				logger.warn("Session " + SessionIds.abbreviate(id) + " could not be read (" + answer.getMessage()
						+ "); treating it as absent");
				return Map.of();
			}
			throw ex;
		}
	}

	private @Nullable StoredSession decode(String id, Map<String, String> hash) {
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
			stored.expiresAt(this.absoluteLifetime);
			return new StoredSession(id, stored.creationTime(), stored.lastAccessedTime(), stored.maxInactiveInterval(),
					attributes, principal);
		}
		// IllegalArgumentException covers numbers that do not parse;
		// NullPointerException, a missing field.
		catch (UnreadableValueException | DateTimeException | ArithmeticException | ClassCastException
				| IllegalArgumentException | NullPointerException ex) {
			logger.warn("Session " + SessionIds.abbreviate(id) + " cannot be read by this release (" + ex.getMessage()
					+ "); treating it as absent");
			return null;
		}
	}

}
