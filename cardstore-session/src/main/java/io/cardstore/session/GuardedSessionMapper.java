package io.cardstore.session;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.session.MapSession;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Turns a stored Redis hash into a session, or into no session at all when the hash holds
 * a value that could not be read, or when the session has outlived its absolute lifetime
 * however active it was. Spring Session then behaves as if the session did not exist: the
 * request is anonymous and a new session is created when one is needed.
 */
final class GuardedSessionMapper implements BiFunction<String, Map<String, Object>, @Nullable MapSession> {

	// The hash fields Spring Session writes; JSON reads small numbers back as Integer.
	private static final String CREATION_TIME = "creationTime";

	private static final String LAST_ACCESSED_TIME = "lastAccessedTime";

	private static final String MAX_INACTIVE_INTERVAL = "maxInactiveInterval";

	private static final Log logger = LogFactory.getLog(GuardedSessionMapper.class);

	private final RedisSessionMapper mapper = new RedisSessionMapper();

	private final Duration absoluteLifetime;

	private final Clock clock;

	GuardedSessionMapper(Duration absoluteLifetime, Clock clock) {
		this.absoluteLifetime = absoluteLifetime;
		this.clock = clock;
	}

	@Override
	public @Nullable MapSession apply(String sessionId, Map<String, Object> stored) {
		if (stored.containsValue(SessionJsonSerializer.UNREADABLE)) {
			logger.warn("Session " + SessionIds.abbreviate(sessionId)
					+ " holds a value this release cannot read; treating it as absent");
			return null;
		}
		Map<String, Object> entries = new HashMap<>(stored);
		entries.computeIfPresent(CREATION_TIME, (key, value) -> asLong(value));
		entries.computeIfPresent(LAST_ACCESSED_TIME, (key, value) -> asLong(value));
		entries.computeIfPresent(MAX_INACTIVE_INTERVAL, (key, value) -> asInteger(value));
		MapSession session;
		try {
			session = this.mapper.apply(sessionId, entries);
		}
		catch (IllegalStateException | ClassCastException ex) {
			logger.warn("Session " + SessionIds.abbreviate(sessionId) + " is incomplete (" + ex.getMessage()
					+ "); treating it as absent");
			return null;
		}
		if (!session.getCreationTime().plus(this.absoluteLifetime).isAfter(this.clock.instant())) {
			return null;
		}
		return session;
	}

	private static Object asLong(Object value) {
		return (value instanceof Number number) ? Long.valueOf(number.longValue()) : value;
	}

	private static Object asInteger(Object value) {
		return (value instanceof Number number) ? Integer.valueOf(number.intValue()) : value;
	}

}
