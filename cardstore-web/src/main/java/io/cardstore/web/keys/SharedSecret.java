package io.cardstore.web.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A random HMAC-SHA256 key that every replica shares, kept in Redis under a key of the
 * store's own: the first replica that needs it stores one (SETNX), the others read it.
 * Each replica reads it again every minute, so that all agree again soon after Redis lost
 * it (a flush, a failover without a replica), and then only what it keyed before is
 * affected.
 */
public class SharedSecret {

	private static final Duration REREAD_AFTER = Duration.ofMinutes(1);

	private static final int BYTES = 32;

	/**
	 * KEYS[1]: the secret's key; ARGV[1]: a new secret, stored unless there is one;
	 * answers the stored one.
	 */
	private static final RedisScript<String> STORED_OR_NEW = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'NX')
			return redis.call('GET', KEYS[1])
			""", String.class);

	private final StringRedisTemplate redis;

	private final String key;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile @Nullable Read current;

	/**
	 * @param key the Redis key it is kept under, such as
	 * {@code cardstore:counter-digest-key}
	 */
	public SharedSecret(StringRedisTemplate redis, String key, Clock clock) {
		this.redis = redis;
		this.key = key;
		this.clock = clock;
	}

	/**
	 * A new HMAC-SHA256 keyed with the shared secret; a {@link Mac} serves one thread.
	 */
	public Mac mac() {
		Read read = this.current;
		Instant now = this.clock.instant();
		if (read == null || now.isAfter(read.at().plus(REREAD_AFTER))) {
			read = new Read(load(), now);
			this.current = read;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(read.secret());
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

	private SecretKeySpec load() {
		byte[] candidate = new byte[BYTES];
		this.random.nextBytes(candidate);
		String stored = this.redis.execute(STORED_OR_NEW, List.of(this.key),
				Base64.getEncoder().encodeToString(candidate));
		byte[] secret = decode(stored);
		if (secret == null) {
			// Not a key of ours (written by hand, cut short): replaced, and the others
			// follow within a minute.
			this.redis.opsForValue().set(this.key, Base64.getEncoder().encodeToString(candidate));
			secret = candidate;
		}
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	private static byte @Nullable [] decode(@Nullable String stored) {
		try {
			byte[] secret = (stored != null) ? Base64.getDecoder().decode(stored) : null;
			return (secret != null && secret.length == BYTES) ? secret : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private record Read(SecretKeySpec secret, Instant at) {
	}

}
