package io.cardstore.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.Range;
import org.jspecify.annotations.Nullable;

/**
 * Each user's sessions: a sorted set per user of session ids, each scored by a time the
 * session will have ended by ({@link SessionScripts#INDEX}), so that the set prunes
 * itself as it is written and expires with its last session. A score moves in steps of
 * the idle timeout, so that touches rewrite the index once per idle timeout rather than
 * on every write.
 */
final class UserSessionIndex {

	private final RedisSessionConnections redis;

	private final SessionKeys keys;

	private final SessionHash hash;

	private final Duration absoluteLifetime;

	UserSessionIndex(RedisSessionConnections redis, SessionKeys keys, SessionHash hash, Duration absoluteLifetime) {
		this.redis = redis;
		this.keys = keys;
		this.hash = hash;
		this.absoluteLifetime = absoluteLifetime;
	}

	/**
	 * The user's sessions, read from Redis, not from a cache: the list is what Redis
	 * holds now. Those the set still names but that have ended (or now belong to another
	 * user) leave it.
	 */
	Map<String, StoredSession> sessions(String principal, Instant now) {
		List<String> ids = this.redis.await(this.redis.send((commands) -> commands
			.zrangebyscore(this.keys.user(principal), Range.create(now.toEpochMilli(), Double.POSITIVE_INFINITY))));
		Map<String, StoredSession> sessions = this.hash.readAll(ids);
		sessions.values()
			.removeIf((stored) -> stored.isExpired(now, this.absoluteLifetime)
					|| !principal.equals(stored.principalName()));
		List<String> gone = new ArrayList<>();
		ids.stream().filter((id) -> !sessions.containsKey(id)).forEach((id) -> gone.addAll(List.of("-", id)));
		if (!gone.isEmpty()) {
			this.redis.await(update(principal, now, gone));
		}
		return sessions;
	}

	/**
	 * Updates the user's set, pruned first of what ended before now.
	 * @param entries pairs of (a score in epoch milliseconds, or "-" to remove; a session
	 * id)
	 */
	CompletionStage<Long> update(String principal, Instant now, List<String> entries) {
		List<String> arguments = new ArrayList<>(entries.size() + 1);
		arguments.add(Long.toString(now.toEpochMilli()));
		arguments.addAll(entries);
		String[] indexArguments = arguments.toArray(String[]::new);
		return this.redis
			.send((commands) -> SessionScripts.INDEX.run(commands, this.keys.user(principal), indexArguments));
	}

	/**
	 * Sends what the user's set needs of a write of the session: the session's score when
	 * the session is new, has a new id or user, or its score moves into the next step (a
	 * touch, rarely), and its removal from the previous user's index.
	 */
	List<CompletionStage<Long>> follow(@Nullable StoredSession before, StoredSession after, boolean replaced,
			Instant now) {
		List<CompletionStage<Long>> updates = new ArrayList<>();
		String principal = after.principalName();
		String previousPrincipal = (before != null) ? before.principalName() : null;
		Instant score = score(after);
		if (principal != null && (before == null || replaced || !principal.equals(previousPrincipal)
				|| !score.equals(score(before)))) {
			List<String> entries = new ArrayList<>(List.of(Long.toString(score.toEpochMilli()), after.id()));
			if (replaced && before != null && principal.equals(previousPrincipal)) {
				entries.addAll(List.of("-", before.id()));
			}
			updates.add(update(principal, now, entries));
		}
		if (before != null && previousPrincipal != null && !previousPrincipal.equals(principal)) {
			updates.add(remove(previousPrincipal, before.id(), now));
		}
		return updates;
	}

	/** Takes a session out of its user's set. */
	CompletionStage<Long> remove(String principal, String id, Instant now) {
		return update(principal, now, List.of("-", id));
	}

	/**
	 * A session's score: never before it expires (the set prunes members past their
	 * score, and must not lose a live session), and moving in steps of the idle timeout:
	 * the end of the step after the one the last access falls in, at most the absolute
	 * end. A session that idles out leaves the set at most two idle timeouts later.
	 */
	Instant score(StoredSession session) {
		Instant absoluteEnd = session.creationTime().plus(this.absoluteLifetime);
		long step = session.maxInactiveInterval().toMillis();
		if (step <= 0) {
			return absoluteEnd;
		}
		Instant score = Instant
			.ofEpochMilli((Math.floorDiv(session.lastAccessedTime().toEpochMilli(), step) + 2) * step);
		return score.isBefore(absoluteEnd) ? score : absoluteEnd;
	}

}
