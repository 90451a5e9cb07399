package io.cardstore.web.keys;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A random HMAC-SHA256 key that every replica shares, kept in Redis under a key of the store's
 * own: the first replica that needs it stores one (SETNX), the others read it. Each replica reads
 * it again every minute, so that all agree again soon after Redis lost it (a flush, a failover
 * without a replica), and then only what it keyed before is affected.
 */
public class SharedSecret {

	private static final Duration REREAD_AFTER = Duration.ofMinutes(1);

	private static final int BYTES = 32;

	private final StringRedisTemplate redis;

	private final String key;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile Read current;

	/**
	 * @param key the Redis key it is kept under, such as {@code cardstore:counter-digest-key}
	 */
	public SharedSecret(StringRedisTemplate redis, String key, Clock clock) {
		this.redis = redis;
		this.key = key;
		this.clock = clock;
	}

	/** A new HMAC-SHA256 keyed with the shared secret; a {@link Mac} serves one thread. */
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
		this.redis.opsForValue().setIfAbsent(this.key, Base64.getEncoder().encodeToString(candidate));
		String stored = this.redis.opsForValue().get(this.key);
		byte[] secret = (stored != null) ? Base64.getDecoder().decode(stored) : candidate;
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	private record Read(SecretKeySpec secret, Instant at) {
	}

}
