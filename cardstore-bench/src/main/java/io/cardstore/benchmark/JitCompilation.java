package io.cardstore.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

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

	private JitCompilation() {
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
