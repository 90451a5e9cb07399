package io.cardstore.web.account;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts failed logins per user name in Redis, so that the limit holds across every replica:
 * after {@code maxFailures} within {@code window}, the user name is blocked until the window
 * ends. A successful login clears the count.
 */
public class LoginThrottle {

	private final StringRedisTemplate redis;

	private final Settings settings;

	public LoginThrottle(StringRedisTemplate redis, Settings settings) {
		this.redis = redis;
		this.settings = settings;
	}

	public boolean isBlocked(String username) {
		String failures = this.redis.opsForValue().get(key(username));
		return failures != null && Long.parseLong(failures) >= this.settings.maxFailures();
	}

	public void recordFailure(String username) {
		String key = key(username);
		Long failures = this.redis.opsForValue().increment(key);
		if (failures != null && failures == 1) {
			this.redis.expire(key, this.settings.window());
		}
	}

	public void reset(String username) {
		this.redis.delete(key(username));
	}

	private static String key(String username) {
		return "cardstore:login-failures:" + username.toLowerCase(Locale.ROOT);
	}

	/**
	 * @param maxFailures Failed logins allowed per user name within the window.
	 * @param window How long failures are counted, and a blocked user name stays blocked.
	 */
	@ConfigurationProperties("cardstore.login")
	public record Settings(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration window) {
	}

}
