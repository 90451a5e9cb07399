package io.cardstore.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.cardstore.session.SessionAttributeCodec.StoredAttribute;
import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

/**
 * One request's view of a session: the {@link StoredSession} it started from, plus what
 * the request changed. Only the changes are written back, so two requests that change
 * different attributes of one session, on any replicas, both keep their change.
 */
public final class CardStoreSession implements Session {

	private static final PrincipalNameIndexResolver<Session> principalNames = new PrincipalNameIndexResolver<>();

	private final SessionAttributeCodec codec;

	/**
	 * What Redis holds, as far as this request knows; {@code null} for a session not
	 * saved yet.
	 */
	private @Nullable StoredSession stored;

	private String id;

	private Instant creationTime;

	private Instant lastAccessedTime;

	private Duration maxInactiveInterval;

	/** Values this request read or set, so each is decoded at most once per request. */
	private final Map<String, Object> values = new HashMap<>();

	private final Set<String> changed = new HashSet<>();

	private final Set<String> removed = new HashSet<>();

	CardStoreSession(SessionAttributeCodec codec, Duration maxInactiveInterval) {
		this.codec = codec;
		this.stored = null;
		this.id = SessionIds.next();
		this.creationTime = Instant.now();
		this.lastAccessedTime = this.creationTime;
		this.maxInactiveInterval = maxInactiveInterval;
	}

	CardStoreSession(SessionAttributeCodec codec, StoredSession stored) {
		this.codec = codec;
		this.stored = stored;
		this.id = stored.id();
		this.creationTime = stored.creationTime();
		this.lastAccessedTime = stored.lastAccessedTime();
		this.maxInactiveInterval = stored.maxInactiveInterval();
	}

	@Override
	public String getId() {
		return this.id;
	}

	/**
	 * Gives the session a new id, as at login, and starts its absolute lifetime again:
	 * from the login, not from the anonymous visit before it.
	 */
	@Override
	public String changeSessionId() {
		this.id = SessionIds.next();
		this.creationTime = Instant.now();
		this.lastAccessedTime = this.creationTime;
		return this.id;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T getAttribute(String name) {
		if (this.removed.contains(name)) {
			return null;
		}
		Object value = this.values.get(name);
		if (value == null && this.stored != null) {
			StoredAttribute attribute = this.stored.attributes().get(name);
			if (attribute != null) {
				value = this.codec.valueOf(attribute);
				this.values.put(name, value);
			}
		}
		return (T) value;
	}

	@Override
	public Set<String> getAttributeNames() {
		Set<String> names = new HashSet<>();
		if (this.stored != null) {
			names.addAll(this.stored.attributes().keySet());
		}
		names.addAll(this.changed);
		names.removeAll(this.removed);
		return names;
	}

	@Override
	public void setAttribute(String name, Object value) {
		if (value == null) {
			removeAttribute(name);
			return;
		}
		this.values.put(name, value);
		this.changed.add(name);
		this.removed.remove(name);
	}

	@Override
	public void removeAttribute(String name) {
		this.values.remove(name);
		this.changed.remove(name);
		if (this.stored != null && this.stored.attributes().containsKey(name)) {
			this.removed.add(name);
		}
	}

	@Override
	public Instant getCreationTime() {
		return this.creationTime;
	}

	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.lastAccessedTime = lastAccessedTime;
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.lastAccessedTime;
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.maxInactiveInterval = interval;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.maxInactiveInterval;
	}

	@Override
	public boolean isExpired() {
		return !this.maxInactiveInterval.isNegative()
				&& !this.lastAccessedTime.plus(this.maxInactiveInterval).isAfter(Instant.now());
	}

	@Nullable StoredSession stored() {
		return this.stored;
	}

	/**
	 * Records a save: what was written becomes what is stored. Spring Session saves once
	 * when the response is committed and again when the request ends; the second save
	 * then has nothing left to write.
	 */
	void saved(StoredSession written) {
		this.stored = written;
		this.changed.clear();
		this.removed.clear();
	}

	boolean isNew() {
		return this.stored == null;
	}

	/**
	 * Whether this request changed nothing of a stored session but, perhaps, its last
	 * access (and with it the expiry): no other replica needs to know.
	 */
	boolean changesOnlyLastAccess() {
		StoredSession stored = this.stored;
		return stored != null && getId().equals(stored.id()) && this.changed.isEmpty() && this.removed.isEmpty()
				&& this.maxInactiveInterval.equals(stored.maxInactiveInterval());
	}

	/**
	 * Whether this request should write the last access: once per touch interval at most,
	 * and at least every tenth of the idle timeout, so that a session ends between the
	 * idle timeout less that and the idle timeout after its last request.
	 */
	boolean isTouchDue(Duration touchInterval) {
		StoredSession stored = this.stored;
		if (stored == null) {
			// Not saved yet: the whole session is written.
			return true;
		}
		if (!this.lastAccessedTime.isAfter(stored.lastAccessedTime())) {
			// Already written, by the save at response commit: Spring Session saves again
			// at the end.
			return false;
		}
		Duration interval = touchInterval;
		Duration tenthOfIdle = this.maxInactiveInterval.dividedBy(10);
		if (!tenthOfIdle.isNegative() && tenthOfIdle.compareTo(interval) < 0) {
			interval = tenthOfIdle;
		}
		return Duration.between(stored.lastAccessedTime(), this.lastAccessedTime).compareTo(interval) >= 0;
	}

	/**
	 * The id the session had in Redis before this request, or {@code null} for a new one.
	 */
	@Nullable String storedId() {
		return (this.stored != null) ? this.stored.id() : null;
	}

	/**
	 * The user the session belongs to, worked out again only when this request may have
	 * changed it.
	 */
	@Nullable String principalName() {
		StoredSession stored = this.stored;
		if (stored == null || touches(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME)
				|| touches(SessionAttributeCodec.SECURITY_CONTEXT)) {
			// It may have changed.
			return principalNames.resolveIndexValueFor(this);
		}
		return stored.principalName();
	}

	private boolean touches(String name) {
		return this.changed.contains(name) || this.removed.contains(name);
	}

	/**
	 * Names of the attributes this request set (their current values are
	 * {@link #getAttribute}).
	 */
	Set<String> changedAttributes() {
		return this.changed;
	}

	Set<String> removedAttributes() {
		return this.removed;
	}

}
