package io.cardstore.web.login;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Slows down password guessing, shared by every replica through Redis, without letting
 * anyone lock another user out: attempts are counted per user name <em>and address</em>,
 * and per address; past the free attempts each one must wait twice as long as the one
 * before (up to a maximum), and no count ever blocks the owner trying from another
 * address.
 * <p>
 * An attempt is counted before the password is checked, in one atomic step, so parallel
 * attempts cannot slip past the limit together. A successful login clears its count. The
 * counts are remembered for a day, well past the longest wait, so the free attempts do
 * not come back each time a wait ends. Counters are named by {@link CounterKeys}: a
 * failed login leaves a key of fixed size, whatever user name it sent.
 */
public class LoginThrottle {

	/**
	 * KEYS[1]: a counter hash (n, last); ARGV: now (ms), window (ms), free attempts,
	 * first delay (ms), maximum delay (ms). Answers 0 and counts the attempt, or answers
	 * how many milliseconds to wait and counts nothing.
	 */
	private static final RedisScript<Long> ATTEMPT = RedisScript.of("""
			local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
			local free = tonumber(ARGV[3])
			if n >= free then
				local last = tonumber(redis.call('HGET', KEYS[1], 'last') or '0')
				local delay = math.min(tonumber(ARGV[5]), tonumber(ARGV[4]) * 2 ^ (n - free))
				local wait = last + delay - tonumber(ARGV[1])
				if wait > 0 then return math.ceil(wait) end
			end
			redis.call('HSET', KEYS[1], 'n', n + 1, 'last', ARGV[1])
			redis.call('PEXPIRE', KEYS[1], ARGV[2])
			return 0
			""", Long.class);

	/**
	 * KEYS[1]: an address's counter; takes back one attempt if the counter is still
	 * there.
	 */
	private static final RedisScript<Long> FORGIVE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HINCRBY', KEYS[1], 'n', -1) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Settings settings;

	private final CounterKeys keys;

	private final Clock clock;

	public LoginThrottle(StringRedisTemplate redis, Settings settings, CounterKeys keys, Clock clock) {
		if (settings.window().compareTo(settings.maxDelay()) <= 0) {
			throw new IllegalArgumentException("cardstore.login.window (" + settings.window()
					+ ") must be longer than cardstore.login.max-delay (" + settings.maxDelay()
					+ "), or the free attempts come back each time the longest wait ends");
		}
		this.redis = redis;
		this.settings = settings;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Counts an attempt to log in as this user from this address.
	 * @return how long the caller must wait before trying again, or {@link Duration#ZERO}
	 * when the attempt may go ahead (it is then counted)
	 */
	public Duration attempt(String username, String address) {
		Duration wait = count(addressKey(address), this.settings.maxFailuresPerAddress());
		if (!wait.isZero()) {
			return wait;
		}
		return count(userKey(username, address), this.settings.maxFailures());
	}

	/**
	 * A successful login: its attempts no longer count against the user or the address.
	 */
	public void succeeded(String username, String address) {
		this.redis.delete(userKey(username, address));
		// In one step: a counter that expired meanwhile must not come back without its
		// expiry.
		this.redis.execute(FORGIVE, List.of(addressKey(address)));
	}

	private Duration count(String key, int free) {
		Long wait = this.redis.execute(ATTEMPT, List.of(key), Long.toString(this.clock.millis()),
				Long.toString(this.settings.window().toMillis()), Integer.toString(free),
				Long.toString(this.settings.firstDelay().toMillis()),
				Long.toString(this.settings.maxDelay().toMillis()));
		return Duration.ofMillis((wait != null) ? wait : 0);
	}

	// Each script touches one key, in a slot of its own on Redis Cluster.
	private String userKey(String username, String address) {
		return this.keys.key("login", username.toLowerCase(Locale.ROOT), CounterKeys.client(address));
	}

	private String addressKey(String address) {
		return this.keys.key("login", CounterKeys.client(address));
	}

	/**
	 * @param maxFailures Attempts allowed per user name and address before each one must
	 * wait.
	 * @param maxFailuresPerAddress Attempts allowed per address, whatever the user names,
	 * before each one must wait.
	 * @param firstDelay The wait after the free attempts; it doubles with each further
	 * attempt.
	 * @param maxDelay The longest wait.
	 * @param window How long attempts are remembered after the last one; longer than the
	 * longest wait.
	 */
	@ConfigurationProperties("cardstore.login")
	public record Settings(@DefaultValue("5") int maxFailures, @DefaultValue("50") int maxFailuresPerAddress,
			@DefaultValue("1s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay,
			@DefaultValue("24h") Duration window) {
	}

}
