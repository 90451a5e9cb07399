package io.cardstore.testing.prometheus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cardstore.testing.BackingServicesProvider;

/**
 * Prometheus running the project's {@code observability/prometheus.yml}, scraping
 * replicas on this machine: the metrics store of the local cluster's dashboards. From a
 * container when a Docker engine answers, from the PATH (Debian's {@code prometheus})
 * otherwise.
 */
public interface PrometheusServer extends AutoCloseable {

	/** Its HTTP API, on loopback. */
	String url();

	/**
	 * Checks the configuration it runs with {@code promtool check config}.
	 * @return what promtool said
	 * @throws IllegalStateException if promtool refused it
	 */
	String checkConfig();

	/**
	 * The answer of the query API to an instant PromQL query: Prometheus's JSON, as sent.
	 */
	default String query(String promql) {
		return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
	}

	/**
	 * What it scrapes and how the last scrape of each went (the targets API's JSON), to
	 * tell why data is missing.
	 */
	default String targets() {
		return get("/api/v1/targets");
	}

	private String get(String pathAndQuery) {
		URI uri = URI.create(url() + pathAndQuery);
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Prometheus did not answer " + uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	void close();

	/**
	 * Starts Prometheus with the project's configuration, its scrape targets (the compose
	 * file's replicas) replaced by the management ports of replicas at these loopback
	 * addresses ({@code 127.0.0.1:port}), scraped every second.
	 */
	static PrometheusServer start(List<String> targets) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerPrometheusServer.start(targets);
			case NATIVE -> NativePrometheusServer.start(targets);
		};
	}

}
