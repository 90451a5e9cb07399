package io.cardstore.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.web.cluster.WebClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that arrives with a W3C trace context ({@code traceparent}, as a tracing
 * proxy or an upstream service sends it) continues that trace: the lines the request logs
 * carry its request id and the trace id, and its spans reach the OTLP/HTTP collector the
 * endpoint names, here a loopback server that keeps what it is sent.
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RequestTracingIT.LoggingPage.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestTracingIT {

	static final String LOGGED = "a page that logs served";

	static final HttpClient http = HttpClient.newHttpClient();

	static final Collector collector = Collector.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void exportToTheCollector(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> collector.url());
		// Spans leave in batches; a short delay keeps the test quick.
		registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "200ms");
	}

	@AfterAll
	static void stopCollector() {
		collector.server.stop(0);
	}

	@Test
	void aTraceThatComesWithARequestIsInItsLogLinesAndAtTheCollector(CapturedOutput output) throws Exception {
		String store = "http://localhost:" + this.port;
		WebClient user = WebClient.registeredAndLoggedIn(store, MailCatcher.shared());
		byte[] traceId = new byte[16];
		new SecureRandom().nextBytes(traceId);
		String trace = HexFormat.of().formatHex(traceId);

		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(store + "/a-page-that-logs"))
			.header("Cookie", "SESSION=" + user.cookie("SESSION"))
			.header("X-Request-Id", "tracing-test-0001")
			.header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).isEqualTo(200);
		// Plain text here ("[tracing-test-0001 <trace>] "), JSON where the production
		// profile set up this JVM's logging.
		assertThat(output.getOut().lines().filter((line) -> line.contains(LOGGED)))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("tracing-test-0001")
			.contains(trace);
		String traceBytes = new String(traceId, StandardCharsets.ISO_8859_1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(collector.received).as("an export of the request's spans")
				.anySatisfy((export) -> assertThat(export).contains(traceBytes).contains("/a-page-that-logs")));
	}

	@RestController
	static class LoggingPage {

		private static final Log logger = LogFactory.getLog(LoggingPage.class);

		@GetMapping("/a-page-that-logs")
		String page() {
			logger.info(LOGGED);
			return "logged";
		}

	}

	/**
	 * An OTLP/HTTP collector that answers every export with success and keeps its body.
	 */
	record Collector(HttpServer server, List<String> received) {

		static Collector start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				Collector collector = new Collector(server, new CopyOnWriteArrayList<>());
				server.createContext("/v1/traces", (exchange) -> {
					try (InputStream body = exchange.getRequestBody()) {
						collector.received.add(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
					}
					exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
					exchange.sendResponseHeaders(200, -1);
					exchange.close();
				});
				server.start();
				return collector;
			}
			catch (IOException ex) {
				throw new IllegalStateException("No loopback port for the collector", ex);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
		}

	}

}
