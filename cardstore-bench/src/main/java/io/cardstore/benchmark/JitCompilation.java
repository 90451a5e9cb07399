package io.cardstore.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.cardstore.local.Replica;

/**
 * The time the replicas' JIT compilers have spent so far, from Micrometer's
 * {@code jvm.compilation.time} on their Prometheus endpoints: a replica whose compilers
 * are still busy runs part of its code interpreted or in C1's profiling tier, and is
 * measured before its steady state.
 */
final class JitCompilation {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String METER = "jvm_compilation_time_ms_total";

	/**
	 * The share of a warm-up round's time the replicas' compilers may still take once
	 * they have settled.
	 */
	static final double SETTLED = 0.03;

	static final int MAX_ROUNDS = 8;

	private JitCompilation() {
	}

	/**
	 * Runs rounds of load until the replicas' compilers took less than {@link #SETTLED}
	 * of a round's time, or for at most {@link #MAX_ROUNDS} rounds. On two cores, C2
	 * compiled on more than one core for the first minute of load and settled after four
	 * to eight rounds of 30 s.
	 * @param round one round of load, run on the calling thread
	 */
	static void warmUp(List<Replica> replicas, Runnable round) {
		for (int number = 1; number <= MAX_ROUNDS; number++) {
			Duration compiledBefore = of(replicas);
			long started = System.nanoTime();
			round.run();
			Duration compiled = of(replicas).minus(compiledBefore);
			double share = compiled.toNanos() / (double) (System.nanoTime() - started);
			System.out.printf(Locale.ROOT, "  warming up, round %d: the compilers ran %d ms, %.1f%% of it%n", number,
					compiled.toMillis(), share * 100);
			if (share < SETTLED) {
				return;
			}
		}
	}

	/** The compilers' time, summed over the replicas. */
	static Duration of(List<Replica> replicas) {
		return replicas.stream().map(JitCompilation::of).reduce(Duration.ZERO, Duration::plus);
	}

	private static Duration of(Replica replica) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://" + replica.managementAddress() + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			String metrics = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
			double millis = metrics.lines()
				.filter(line -> line.startsWith(METER))
				.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			return Duration.ofMillis((long) millis);
		}
		catch (IOException ex) {
			throw new IllegalStateException("No metrics from " + replica.id() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the metrics of " + replica.id(), ex);
		}
	}

}
