package io.cardstore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a connection straight to a replica gets: the store on one port, the operations
 * endpoints on another that the load balancer never routes, and forwarded headers
 * honoured only from the configured proxy (here 192.0.2.1, so not from this test on
 * loopback).
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.1")
class ReplicaPortsIT {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void operationsEndpointsAnswerOnTheManagementPortOnly() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		for (String path : List.of("/actuator/health/readiness", "/actuator/prometheus", "/actuator/info")) {
			assertThat(get(this.port, path).statusCode()).as("%s on the store's port", path).isEqualTo(404);
		}

		JsonNode readiness = JsonMapper.shared()
			.readTree(get(this.managementPort, "/actuator/health/readiness").body());
		assertThat(readiness.path("status").asString()).isEqualTo("UP");
		assertThat(readiness.path("components").path("redis").path("status").asString())
			.as("readiness includes Redis, without which no session works")
			.isEqualTo("UP");
		assertThat(get(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get(this.managementPort, "/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		assertThat(JsonMapper.shared()
			.readTree(get(this.managementPort, "/actuator/info").body())
			.path("build")
			.path("artifact")
			.asString()).isEqualTo("cardstore-web");
	}

	@Test
	void forwardedHeadersFromAnAddressThatIsNotTheProxyAreIgnored() throws Exception {
		HttpResponse<Void> response = this.http.send(HttpRequest.newBuilder(url(this.port, "/dashboard"))
			.header("X-Forwarded-For", "203.0.113.7")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "evil.example")
			.header("Accept", "text/html")
			.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValue("http://localhost:" + this.port + "/");
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url(port, path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI url(int port, String path) {
		return URI.create("http://localhost:" + port + path);
	}

}
