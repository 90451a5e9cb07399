package io.cardstore.web.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;

import io.cardstore.web.keys.SharedSecret;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Names the Redis keys of the counters that anonymous clients move (login attempts, mail
 * requests). A key is built from a keyed digest of what it counts, never from the user
 * name or address itself: its size is fixed whatever a client sends, and nobody who reads
 * the key space can tell which user names were tried. The digest's key is random and
 * lives in Redis, so that every replica names a counter alike.
 */
public class CounterKeys {

	static final String DIGEST_KEY = "cardstore:counter-digest-key";

	private static final int DIGEST_BYTES = 16;

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	private final SharedSecret secret;

	public CounterKeys(StringRedisTemplate redis, Clock clock) {
		this.secret = new SharedSecret(redis, DIGEST_KEY, clock);
	}

	/**
	 * The key of a counter, such as {@code cardstore:login:{6Yq0...}}: the hash tag keeps
	 * each counter in a slot of its own on Redis Cluster.
	 * @param purpose what is counted, part of the key's name as it is
	 * @param parts what the counter counts, such as a user name and an address
	 */
	public String key(String purpose, String... parts) {
		Mac mac = this.secret.mac();
		mac.update(purpose.getBytes(StandardCharsets.UTF_8));
		for (String part : parts) {
			mac.update((byte) 0);
			mac.update(part.getBytes(StandardCharsets.UTF_8));
		}
		byte[] digest = Arrays.copyOf(mac.doFinal(), DIGEST_BYTES);
		return "cardstore:" + purpose + ":{" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "}";
	}

	/**
	 * The client an address stands for: an IPv4 address, or the /64 network of an IPv6
	 * one (a single host commonly gets a whole /64, and would otherwise count as 2^64
	 * clients).
	 * @param address a literal address, as the servlet request gives it
	 */
	public static String client(String address) {
		// Only an IPv6 literal is parsed: InetAddress would look any other name up in the
		// DNS.
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

}
