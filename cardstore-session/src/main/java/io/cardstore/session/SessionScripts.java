package io.cardstore.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the session store. Each touches exactly one key, so each runs on the
 * node that owns it in Redis Cluster, and each makes its change atomically in one round
 * trip.
 */
final class SessionScripts {

	/**
	 * Writes a session: KEYS[1] the session hash; ARGV: must the session exist already
	 * ("1" for a change, "0" for a new session), its expiry (epoch ms), the notice
	 * channel and message (no notice for an empty channel), the number n of fields to
	 * set, n field/value pairs, then the fields to delete. A change to a session that is
	 * gone (logged out, revoked or expired meanwhile) does not bring it back: the script
	 * answers 0 and writes nothing. Fields go in chunks, as Lua's unpack has a limit of a
	 * few thousand values.
	 */
	static final Script SAVE = new Script("""
			if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			local last = 5 + 2 * tonumber(ARGV[5])
			for i = 6, last, 1000 do
				redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, last)))
			end
			for i = last + 1, #ARGV, 1000 do
				redis.call('HDEL', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
			end
			redis.call('PEXPIREAT', KEYS[1], ARGV[2])
			if ARGV[3] ~= '' then redis.call('PUBLISH', ARGV[3], ARGV[4]) end
			return 1
			""");

	/**
	 * The arguments of {@link #SAVE}.
	 * @param mustExist whether the session must exist already (a change, not a new
	 * session)
	 * @param channel the notice channel, or "" for no notice
	 * @param fields field and value pairs to set
	 * @param deleted fields to delete
	 */
	static String[] saveArguments(boolean mustExist, Instant expiresAt, String channel, String notice,
			List<String> fields, List<String> deleted) {
		List<String> arguments = new ArrayList<>(List.of(mustExist ? "1" : "0", Long.toString(expiresAt.toEpochMilli()),
				channel, notice, Integer.toString(fields.size() / 2)));
		arguments.addAll(fields);
		arguments.addAll(deleted);
		return arguments.toArray(String[]::new);
	}

	/**
	 * Deletes a session: KEYS[1] the session hash; ARGV: the notice channel and message.
	 */
	static final Script DELETE = new Script("""
			local deleted = redis.call('DEL', KEYS[1])
			redis.call('PUBLISH', ARGV[1], ARGV[2])
			return deleted
			""");

	/**
	 * Keeps a user's index: KEYS[1] the sorted set of the user's session ids, each scored
	 * by a time it will have ended by; ARGV: now (epoch ms), then pairs of (that time, or
	 * "-" to remove; session id). A score only grows (two replicas touching one session
	 * may write in either order). Members past their score are pruned first, and the set
	 * itself expires with its last session, so nothing outlives the sessions it lists.
	 * Answers the number of sessions left.
	 */
	static final Script INDEX = new Script("""
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			for i = 2, #ARGV, 2 do
				if ARGV[i] == '-' then
					redis.call('ZREM', KEYS[1], ARGV[i + 1])
				else
					redis.call('ZADD', KEYS[1], 'GT', ARGV[i], ARGV[i + 1])
				end
			end
			local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
			if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end
			return redis.call('ZCARD', KEYS[1])
			""");

	private SessionScripts() {
	}

	/**
	 * A script run by its digest, sent whole only when the server does not have it yet.
	 */
	record Script(String text, String sha1) {

		Script(String text) {
			this(text, RedisScript.of(text).getSha1());
		}

		CompletionStage<Long> run(RedisClusterAsyncCommands<String, String> redis, String key, String... args) {
			String[] keys = { key };
			return redis.<Long>evalsha(this.sha1, ScriptOutputType.INTEGER, keys, args)
				.exceptionallyCompose(
						(failure) -> (RedisSessionConnections.unwrap(failure) instanceof RedisNoScriptException)
								? redis.<Long>eval(this.text, ScriptOutputType.INTEGER, keys, args)
								: CompletableFuture.failedStage(RedisSessionConnections.unwrap(failure)));
		}

	}

}
