package io.cardstore.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import org.jspecify.annotations.Nullable;

/**
 * A session as it is stored in Redis, decoded once and then shared, unchanged, by every
 * request that reads it from the near cache.
 *
 * @param id the session id
 * @param creationTime when the session was created
 * @param lastAccessedTime the last access written to Redis (accesses in between are
 * coalesced)
 * @param maxInactiveInterval the idle timeout
 * @param attributes the stored attributes by name
 * @param principalName the user the session belongs to, or {@code null} for an anonymous
 * one
 */
record StoredSession(String id, Instant creationTime, Instant lastAccessedTime, Duration maxInactiveInterval,
		Map<String, StoredAttribute> attributes, @Nullable String principalName) {

	StoredSession {
		attributes = Map.copyOf(attributes);
	}

	/**
	 * When Redis lets the session go: idle timeout or absolute lifetime, whichever comes
	 * first.
	 */
	Instant expiresAt(Duration absoluteLifetime) {
		Instant absolute = this.creationTime.plus(absoluteLifetime);
		if (this.maxInactiveInterval.isNegative()) {
			return absolute;
		}
		Instant idle = this.lastAccessedTime.plus(this.maxInactiveInterval);
		return idle.isBefore(absolute) ? idle : absolute;
	}

	/** Roughly how much memory the decoded session takes, for the near cache's bound. */
	int weight() {
		int characters = 64;
		for (StoredAttribute attribute : this.attributes.values()) {
			characters += attribute.field().length() + attribute.json().length();
		}
		// Two bytes a character, and the decoded values beside their JSON.
		return 256 + 4 * characters;
	}

	boolean isExpired(Instant now, Duration absoluteLifetime) {
		return !expiresAt(absoluteLifetime).isAfter(now);
	}

	/** This session after a write of these attributes and times. */
	StoredSession with(Instant lastAccessedTime, Duration maxInactiveInterval, Map<String, StoredAttribute> written,
			Collection<String> removed, @Nullable String principalName) {
		// A touch, as on every request with no touch interval, keeps the attributes
		// shared rather than copied.
		Map<String, StoredAttribute> attributes = this.attributes;
		if (!written.isEmpty() || !removed.isEmpty()) {
			attributes = new HashMap<>(this.attributes);
			attributes.keySet().removeAll(removed);
			attributes.putAll(written);
		}
		return new StoredSession(this.id, this.creationTime, lastAccessedTime, maxInactiveInterval, attributes,
				principalName);
	}

}
