package io.cardstore.session;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts the commands a Redis server executed, from its {@code INFO commandstats}. Redis counts
 * the commands a script runs as well as the script itself.
 */
final class RedisCommandCounter {

	private final StringRedisTemplate redis;

	RedisCommandCounter(StringRedisTemplate redis) {
		this.redis = redis;
	}

	Map<String, Long> snapshot() {
		Properties stats = this.redis.execute((RedisCallback<Properties>) (RedisConnection connection) -> connection
			.serverCommands()
			.info("commandstats"));
		Map<String, Long> calls = new HashMap<>();
		stats.forEach((key, value) -> {
			String name = key.toString().replace("cmdstat_", "");
			String text = value.toString();
			long count = Long.parseLong(text.substring(text.indexOf("calls=") + 6, text.indexOf(',')));
			calls.put(name, count);
		});
		return calls;
	}

	/** Every command executed since the snapshot, the counting itself left out. */
	Map<String, Long> commandsSince(Map<String, Long> before) {
		Map<String, Long> after = snapshot();
		Map<String, Long> executed = new HashMap<>();
		after.forEach((name, count) -> {
			long delta = count - before.getOrDefault(name, 0L);
			if (delta > 0 && !name.equals("info")) {
				executed.put(name, delta);
			}
		});
		return executed;
	}

}
