package io.cardstore.session;

/**
 * What the store needs of Redis, as ACL rules for its user (ElastiCache's access string
 * is the same language): its own keys and channels, which all start with
 * {@code cardstore:}, every command but the dangerous ones (KEYS, FLUSHALL, CONFIG,
 * DEBUG, MONITOR, CLIENT KILL ...), and INFO, which is among them but which the health
 * check reads.
 */
public final class RedisAccess {

	public static final String RULES = "~cardstore:* &cardstore:* +@all -@dangerous +info";

	private RedisAccess() {
	}

}
