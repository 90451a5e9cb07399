package io.cardstore.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * What the change notices cost as replicas are added: one replica writes sessions
 * (attribute changes, each publishing a notice) from several threads for a fixed time,
 * while 1, 8 and 32 other replicas listen on the notice channel, each on its own
 * connection as a replica's near cache does. Reports the writes per second the writer
 * sustains, the notices Redis delivers, and how long a notice takes from just before the
 * write to its arrival at a listener (p50, p99, max). <pre>
 * ./mvnw -q -pl cardstore-session -am package -DskipTests -Pnotice-benchmark
 * </pre>
 */
public final class NoticeFanOutBenchmark {

	static final int WRITERS = 4;

	static final long SECONDS = Long.getLong("cardstore.benchmark.seconds", 10);

	static final int[] LISTENERS = { 1, 8, 32 };

	private NoticeFanOutBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		List<String> rows = new ArrayList<>();
		try (RedisServer redis = RedisServers.start(RedisOptions.defaults());
				Instances.Instance writer = Instances.start("writer", Map.of("spring.data.redis.host", redis.host(),
						"spring.data.redis.port", Integer.toString(redis.port())))) {
			CardStoreSessionRepository sessions = writer.context().getBean(CardStoreSessionRepository.class);
			String channel = new SessionKeys("cardstore").changes();
			// Warm-up, not reported: the first row would otherwise measure the JIT
			// compiler.
			run(redis, sessions, channel, 1);
			for (int listeners : LISTENERS) {
				rows.add(run(redis, sessions, channel, listeners));
			}
		}
		String report = "## Change notices: one writer, 1 to 32 listening replicas\n\n"
				+ LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES) + ", "
				+ Runtime.getRuntime().availableProcessors() + " processors, " + WRITERS + " writing threads, "
				+ SECONDS + " s a row after as long a warm-up, Redis, writer and listeners on this machine\n\n"
				+ "| listening replicas | writes/s | notices delivered/s | delivery p50 | p99 | max |\n"
				+ "| --- | --- | --- | --- | --- | --- |\n" + String.join("\n", rows) + "\n";
		System.out.println(report);
		String file = System.getProperty("cardstore.benchmark.report");
		if (file != null) {
			Files.writeString(Path.of(file), report);
		}
		System.exit(0);
	}

	private static String run(RedisServer redis, CardStoreSessionRepository sessions, String channel, int listeners)
			throws Exception {
		Map<String, Long> written = new ConcurrentHashMap<>();
		LongAdder delivered = new LongAdder();
		List<long[]> latencies = new ArrayList<>();
		RedisClient client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		List<StatefulRedisPubSubConnection<String, String>> connections = new ArrayList<>();
		try {
			for (int i = 0; i < listeners; i++) {
				long[] own = new long[200_000];
				AtomicLong count = new AtomicLong();
				latencies.add(own);
				StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
				connection.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String ch, String notice) {
						Long sent = written.get(notice.substring(notice.indexOf(' ') + 1));
						if (sent != null) {
							long n = count.getAndIncrement();
							if (n < own.length - 1) {
								own[(int) n + 1] = System.nanoTime() - sent;
								own[0] = n + 1;
							}
							delivered.increment();
						}
					}
				});
				connection.sync().subscribe(channel);
				connections.add(connection);
			}
			LongAdder writes = new LongAdder();
			long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
			CountDownLatch done = new CountDownLatch(WRITERS);
			for (int t = 0; t < WRITERS; t++) {
				Thread thread = new Thread(() -> {
					// One session per thread, written again and again: one write in
					// flight per id.
					CardStoreSession created = sessions.createSession();
					sessions.save(created);
					String id = created.getId();
					for (int n = 0; System.nanoTime() < end; n++) {
						CardStoreSession session = sessions.findById(id);
						session.setAttribute("n", n);
						written.put(id, System.nanoTime());
						sessions.save(session);
						writes.increment();
					}
					done.countDown();
				});
				thread.start();
			}
			done.await();
			Thread.sleep(500);
			long[] all = latencies.stream()
				.flatMapToLong((own) -> Arrays.stream(own, 1, (int) own[0] + 1))
				.sorted()
				.toArray();
			double perSecond = writes.sum() / (double) SECONDS;
			return "| " + listeners + " | " + Math.round(perSecond) + " | "
					+ Math.round(delivered.sum() / (double) SECONDS) + " | " + micros(all, 0.50) + " | "
					+ micros(all, 0.99) + " | " + micros(all, 1.0) + " |";
		}
		finally {
			connections.forEach(StatefulRedisPubSubConnection::close);
			client.shutdown();
		}
	}

	private static String micros(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return "-";
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return String.format("%.2f ms", sorted[Math.max(0, index)] / 1_000_000.0);
	}

}
