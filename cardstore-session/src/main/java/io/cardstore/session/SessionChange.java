package io.cardstore.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import org.jspecify.annotations.Nullable;

/**
 * What one save changes: the session as Redis and this replica's cache hold it, and as
 * the request leaves it.
 *
 * @param before the session as it was read, {@code null} for a new one
 * @param after the session as the request leaves it, under its current id
 * @param whole whether every field is written: a new session, or a new id
 * @param written the attributes the request set, encoded
 * @param removed the attributes the request removed
 * @param touchOnly whether only the last access (and with it the expiry) moves
 */
record SessionChange(@Nullable StoredSession before, StoredSession after, boolean whole,
		Map<String, StoredAttribute> written, Set<String> removed, boolean touchOnly) {

	static SessionChange of(CardStoreSession session, SessionAttributeCodec codec) {
		StoredSession before = session.stored();
		boolean whole = session.isNew() || !session.getId().equals(session.storedId());
		Set<String> removed = Set.copyOf(session.removedAttributes());
		Map<String, StoredAttribute> written = new HashMap<>();
		session.changedAttributes()
			.forEach((name) -> written.put(name, codec.encode(name, session.getRequiredAttribute(name))));
		String principal = session.principalName();
		Map<String, StoredAttribute> attributes = (before != null) ? before
			.with(session.getLastAccessedTime(), session.getMaxInactiveInterval(), written, removed, principal)
			.attributes() : written;
		StoredSession after = new StoredSession(session.getId(), session.getCreationTime(),
				session.getLastAccessedTime(), session.getMaxInactiveInterval(), attributes, principal);
		return new SessionChange(before, after, whole, written, removed, session.changesOnlyLastAccess());
	}

	boolean attributesChanged() {
		return !this.written.isEmpty() || !this.removed.isEmpty();
	}

	/** The fields the save script sets: every one for a whole session. */
	List<String> fieldsToSet() {
		return SessionHash.fieldsToSet(this.after, (this.whole ? this.after.attributes() : this.written).values(),
				this.whole);
	}

	/** The attribute fields the save script deletes: none for a whole session. */
	List<String> fieldsToDelete() {
		return this.whole ? List.of() : SessionHash.fieldsToDelete(this.written, this.removed);
	}

	/** Changes this replica's copy as the write changed Redis's. */
	void applyTo(SessionNearCache cache) {
		if (this.whole) {
			if (this.before != null) {
				cache.invalidate(this.before.id());
			}
			cache.put(this.after);
		}
		else {
			UnaryOperator<StoredSession> write = (cached) -> cached.with(this.after.lastAccessedTime(),
					this.after.maxInactiveInterval(), this.written, this.removed, this.after.principalName());
			if (this.touchOnly) {
				// The touches of parallel requests can come back in any order: the later
				// access stays.
				cache.touch(this.after.id(),
						(cached) -> cached.lastAccessedTime().isAfter(this.after.lastAccessedTime()) ? cached
								: write.apply(cached));
			}
			else {
				cache.update(this.after.id(), write);
			}
		}
	}

}
