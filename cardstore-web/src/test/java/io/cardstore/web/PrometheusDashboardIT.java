package io.cardstore.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cardstore.testing.ProjectFiles;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.prometheus.PrometheusServer;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local cluster's dashboard, computed by a real Prometheus: the project's
 * {@code observability/prometheus.yml}, checked by {@code promtool}, scrapes a replica's
 * management port while a user registers, logs in and goes through pages, and then every
 * query of {@code observability/grafana/dashboards/cardstore.json} answers with data (so
 * each names meters the replica has, with valid PromQL), the near-cache hit ratio with a
 * number between 0 and 1.
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusDashboardIT {

	static final String DASHBOARD = "observability/grafana/dashboards/cardstore.json";

	static final String DATA_SOURCE = "observability/grafana/provisioning/datasources/prometheus.yml";

	static final JsonMapper json = JsonMapper.shared();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void everyQueryOfTheDashboardAnswersFromAScrapedReplica() {
		List<Query> queries = dashboardQueries();
		Query hitRatio = queries.stream()
			.filter((query) -> query.panel().equals("Near-cache hit ratio"))
			.findFirst()
			.orElseThrow();
		String store = "http://localhost:" + this.port;
		WebClient user = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());

		try (PrometheusServer prometheus = PrometheusServer.start(List.of("127.0.0.1:" + this.managementPort))) {
			assertThat(prometheus.checkConfig()).contains("SUCCESS");
			// Pages while Prometheus scrapes, until a rate over two scrapes or more has
			// them.
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				assertThat(user.get(store + "/dashboard").statusCode()).isEqualTo(200);
				JsonNode ratio = result(prometheus, hitRatio);
				assertThat(ratio).as("hit ratio, with these targets: %s", prometheus.targets()).isNotEmpty();
				assertThat(ratio.get(0).get("value").get(1).asString()).as("hit ratio").isNotEqualTo("NaN");
			});
			JsonNode ratio = result(prometheus, hitRatio);
			assertThat(Double.parseDouble(ratio.get(0).get("value").get(1).asString())).isBetween(0.0, 1.0);
			// 127.0.0.1, or Testcontainers' host gateway from a container.
			assertThat(ratio.get(0).get("metric").get("instance").asString()).endsWith(":" + this.managementPort);

			for (Query query : queries) {
				assertThat(result(prometheus, query))
					.as("%s: %s (the metrics Prometheus has: %s)", query.panel(), query.expression(),
							prometheus.query("group by (__name__) ({job=\"cardstore\"})"))
					.isNotEmpty();
			}
		}
	}

	/** The query's result vector; an error (a bad query) fails. */
	private static JsonNode result(PrometheusServer prometheus, Query query) {
		JsonNode answer = json.readTree(prometheus.query(query.expression()));
		assertThat(answer.get("status").asString()).as("%s: %s -> %s", query.panel(), query.expression(), answer)
			.isEqualTo("success");
		return answer.get("data").get("result");
	}

	/**
	 * Every target of every panel, with Grafana's rate interval as Prometheus takes it: a
	 * few of the test's one-second scrapes.
	 */
	private static List<Query> dashboardQueries() {
		JsonNode dashboard = json.readTree(ProjectFiles.find(DASHBOARD).toFile());
		assertThat(dashboard.get("uid").asString()).isEqualTo("cardstore");
		assertThat(ProjectFiles.find(DATA_SOURCE)).content().contains("uid: prometheus");
		List<Query> queries = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.path("targets")) {
				assertThat(panel.get("datasource").get("uid").asString()).as("the provisioned data source")
					.isEqualTo("prometheus");
				queries.add(new Query(panel.get("title").asString(),
						target.get("expr").asString().replace("$__rate_interval", "10s")));
			}
		}
		assertThat(queries).hasSizeGreaterThanOrEqualTo(12);
		return queries;
	}

	record Query(String panel, String expression) {
	}

}
