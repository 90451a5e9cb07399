package io.cardstore.testing.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Counts the commands a Redis server executed, from its {@code INFO commandstats}. Redis
 * counts the commands a script runs as well as the script itself.
 */
public final class RedisCommandCounter {

	private final Supplier<Properties> commandStats;

	/**
	 * @param commandStats the server's answer to {@code INFO commandstats}, such as
	 * {@code () -> template.execute((RedisCallback<Properties>) c -> c.serverCommands().info("commandstats"))}
	 */
	public RedisCommandCounter(Supplier<Properties> commandStats) {
		this.commandStats = commandStats;
	}

	public Map<String, Long> snapshot() {
		Map<String, Long> calls = new HashMap<>();
		this.commandStats.get().forEach((key, value) -> {
			String name = key.toString().replace("cmdstat_", "");
			String text = value.toString();
			long count = Long.parseLong(text.substring(text.indexOf("calls=") + 6, text.indexOf(',')));
			calls.put(name, count);
		});
		return calls;
	}

	/**
	 * A snapshot taken once no command has arrived for the given time (at most five
	 * seconds in all): commands a client sent without waiting, for what came before, then
	 * count before it, not after.
	 */
	public Map<String, Long> quietSnapshot(Duration quiet) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<String, Long> before = snapshot();
		while (System.nanoTime() < deadline) {
			try {
				Thread.sleep(quiet.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			Map<String, Long> now = snapshot();
			if (executedSince(before, now).isEmpty()) {
				return now;
			}
			before = now;
		}
		return before;
	}

	/**
	 * Every command executed since the snapshot, the counting itself and PINGs left out:
	 * those are the session store's heartbeat on its notice connection, sent on a clock,
	 * not by the requests measured.
	 */
	public Map<String, Long> commandsSince(Map<String, Long> before) {
		return executedSince(before, snapshot());
	}

	/**
	 * As {@link #commandsSince}, once commands have arrived and then none for the given
	 * time (at most five seconds in all): for commands a client sends without waiting for
	 * their answer, which may reach the server a while after the request that caused them
	 * was answered.
	 */
	public Map<String, Long> settledCommandsSince(Map<String, Long> before, Duration quiet) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		Map<String, Long> executed = commandsSince(before);
		while (System.nanoTime() < deadline) {
			try {
				Thread.sleep(quiet.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			Map<String, Long> now = commandsSince(before);
			if (!now.isEmpty() && now.equals(executed)) {
				break;
			}
			executed = now;
		}
		return executed;
	}

	private static Map<String, Long> executedSince(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> executed = new HashMap<>();
		after.forEach((name, count) -> {
			long delta = count - before.getOrDefault(name, 0L);
			if (delta > 0 && !name.equals("info") && !name.equals("ping")) {
				executed.put(name, delta);
			}
		});
		return executed;
	}

}
