package io.cardstore.web.account;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Names the Redis keys of the counters that anonymous clients move (login attempts, mail
 * requests). A key is built from a keyed digest of what it counts, never from the user name or
 * address itself: its size is fixed whatever a client sends, and nobody who reads the key
 * space can tell which user names were tried. The digest's key is random and lives in Redis,
 * so that every replica names a counter alike.
 */
public class CounterKeys {

	static final String DIGEST_KEY = "cardstore:counter-digest-key";

	private static final int DIGEST_BYTES = 16;

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	/** How long a replica uses the digest key it read before reading it again (after a flush, say). */
	private static final Duration REREAD_AFTER = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private volatile DigestKey digestKey;

	public CounterKeys(StringRedisTemplate redis, Clock clock) {
		this.redis = redis;
		this.clock = clock;
	}

	/**
	 * The key of a counter, such as {@code cardstore:login:{6Yq0...}}: the hash tag keeps each
	 * counter in a slot of its own on Redis Cluster.
	 * @param purpose what is counted, part of the key's name as it is
	 * @param parts what the counter counts, such as a user name and an address
	 */
	public String key(String purpose, String... parts) {
		Mac mac = mac();
		mac.update(purpose.getBytes(StandardCharsets.UTF_8));
		for (String part : parts) {
			mac.update((byte) 0);
			mac.update(part.getBytes(StandardCharsets.UTF_8));
		}
		byte[] digest = Arrays.copyOf(mac.doFinal(), DIGEST_BYTES);
		return "cardstore:" + purpose + ":{" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "}";
	}

	/**
	 * The client an address stands for: an IPv4 address, or the /64 network of an IPv6 one (a
	 * single host commonly gets a whole /64, and would otherwise count as 2^64 clients).
	 * @param address a literal address, as the servlet request gives it
	 */
	public static String client(String address) {
		// Only an IPv6 literal is parsed: InetAddress would look any other name up in the DNS.
		if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
			return address;
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			return (bytes.length == 16) ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

	private Mac mac() {
		DigestKey current = this.digestKey;
		Instant now = this.clock.instant();
		if (current == null || now.isAfter(current.readAt().plus(REREAD_AFTER))) {
			current = new DigestKey(sharedSecret(), now);
			this.digestKey = current;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(current.secret());
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

	/** The key in Redis, set by the first replica that needs it; the others read it. */
	private SecretKeySpec sharedSecret() {
		byte[] candidate = new byte[32];
		this.random.nextBytes(candidate);
		this.redis.opsForValue().setIfAbsent(DIGEST_KEY, Base64.getEncoder().encodeToString(candidate));
		String secret = this.redis.opsForValue().get(DIGEST_KEY);
		byte[] bytes = (secret != null) ? Base64.getDecoder().decode(secret) : candidate;
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	private record DigestKey(SecretKeySpec secret, Instant readAt) {
	}

}
