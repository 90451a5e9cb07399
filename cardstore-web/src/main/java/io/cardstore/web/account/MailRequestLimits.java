package io.cardstore.web.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.cardstore.web.login.CounterKeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Registrations and password reset requests each send a mail: they are limited per client
 * address, and reset mails also per account, so that nobody can flood the store's sender
 * reputation or another person's inbox. Counted in Redis, shared by every replica.
 */
class MailRequestLimits {

	/**
	 * KEYS[1]: the counter; ARGV[1]: the window (ms). Counts and expires in one atomic
	 * step.
	 */
	private static final RedisScript<Long> COUNT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Settings settings;

	private final CounterKeys keys;

	public MailRequestLimits(StringRedisTemplate redis, Settings settings, CounterKeys keys) {
		this.redis = redis;
		this.settings = settings;
		this.keys = keys;
	}

	/** Counts a request from this address; whether it is within the limit. */
	public boolean allowFromAddress(String address) {
		return count(this.keys.key("mail-requests", CounterKeys.client(address))) <= this.settings.perAddress();
	}

	/**
	 * Counts a reset mail for this account asked from this address; whether it is within
	 * the limit. Counted per account <em>and</em> address, so that nobody can use up
	 * another person's reset mails: the owner, asking from their own address, still gets
	 * theirs.
	 */
	public boolean allowResetFor(String username, String address) {
		return count(this.keys.key("reset-requests", username.toLowerCase(Locale.ROOT),
				CounterKeys.client(address))) <= this.settings.perAccount();
	}

	private long count(String key) {
		Long count = this.redis.execute(COUNT, List.of(key), Long.toString(this.settings.window().toMillis()));
		return (count != null) ? count : 0;
	}

	/**
	 * @param perAddress Registrations and reset requests allowed per client address in a
	 * window.
	 * @param perAccount Reset mails sent per account and client address in a window.
	 * @param window How long requests are counted.
	 */
	@ConfigurationProperties("cardstore.mail-requests")
	public record Settings(@DefaultValue("10") int perAddress, @DefaultValue("3") int perAccount,
			@DefaultValue("1h") Duration window) {
	}

}
