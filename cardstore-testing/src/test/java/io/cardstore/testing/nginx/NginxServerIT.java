package io.cardstore.testing.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.cardstore.testing.BackingServicesProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx with the project's template, from the current provider (the PATH, or the nginx
 * image reaching the replicas on the host through its gateway), in front of two stand-in
 * replicas that answer with their name and the forwarded headers they were given.
 */
class NginxServerIT {

	static final HttpClient http = HttpClient.newHttpClient();

	static final List<HttpServer> replicas = new ArrayList<>();

	static NginxServer nginx;

	@BeforeAll
	static void start() throws IOException {
		List<String> addresses = new ArrayList<>();
		for (String name : List.of("a", "b")) {
			HttpServer replica = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			replica.createContext("/", exchange -> {
				byte[] body = (name + " " + exchange.getRequestHeaders().getFirst("X-Forwarded-For") + " "
						+ exchange.getRequestHeaders().getFirst("X-Forwarded-Proto"))
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			replica.start();
			replicas.add(replica);
			addresses.add("127.0.0.1:" + replica.getAddress().getPort());
		}
		nginx = NginxServer.start(addresses);
		System.out.println("nginx from the " + BackingServicesProvider.current() + " provider on port " + nginx.port());
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
		}
		replicas.forEach(replica -> replica.stop(0));
	}

	@Test
	void requestsGoToEachReplicaInTurnWithTheAddressNginxSawNotTheOneClaimed() throws Exception {
		List<String> answeredBy = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nginx.url() + "/dashboard"))
				.header("X-Forwarded-For", "203.0.113.9")
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			String[] answer = response.body().split(" ");
			answeredBy.add(answer[0]);
			assertThat(answer[1]).isNotEqualTo("203.0.113.9").doesNotContain(",");
			assertThat(answer[2]).isEqualTo("http");
		}
		assertThat(answeredBy).containsExactlyInAnyOrder("a", "a", "b", "b");
		assertThat(answeredBy.get(0)).isNotEqualTo(answeredBy.get(1));
		assertThat(nginx.accessLog()).contains("GET /dashboard").contains("upstream=");
	}

	@Test
	void nginxAnswersItsOwnHealthCheck() throws Exception {
		HttpResponse<String> health = http.send(
				HttpRequest.newBuilder(URI.create(nginx.url() + "/nginx-health")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).isEqualTo("ok\n");
	}

	@Test
	void aRequestForAnotherHostIsClosedUnanswered() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", nginx.port())) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			assertThat(in.readAllBytes()).isEmpty();
		}
	}

}
