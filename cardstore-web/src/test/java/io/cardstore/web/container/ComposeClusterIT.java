package io.cardstore.web.container;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.compose.DockerCompose;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker-compose.yml} as it is, run with Docker Compose (v2, or v1 where only that
 * is installed): nginx in front of {@code web1} and {@code web2}, with Redis, LocalStack
 * and Mailpit. A user registers through nginx on 8080, activates the account from the
 * mail Mailpit shows, logs in, is served by both replicas, and stays logged in when
 * {@code web1} is killed.
 */
class ComposeClusterIT {

	static final String PROJECT = "cardstore-compose-it";

	static final String STORE = "http://localhost:8080";

	static final String MAILPIT = "http://localhost:8025";

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final Pattern ACTIVATION_LINK = Pattern
		.compile(Pattern.quote(STORE) + "/activate\\?username=[^&\\s\"<>]+&token=[A-Za-z0-9_-]+");

	static DockerCompose compose;

	@BeforeAll
	static void up() {
		compose = DockerCompose.find();
		long started = System.nanoTime();
		compose("up", "-d");
		await("nginx in front of both replicas").atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptionsInstanceOf(UncheckedIOException.class)
			.until(() -> get(STORE + "/nginx-health").statusCode() == 200);
		System.out.println(
				"docker-compose.yml up, nginx answering, " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
						+ " s after 'up' (" + String.join(" ", compose.command()) + ")");
	}

	@AfterAll
	static void down() {
		if (compose != null) {
			System.out.println(compose("ps"));
			compose("down", "--volumes", "--remove-orphans");
		}
	}

	@Test
	void aUserRegistersActivatesLogsInIsServedByBothReplicasAndStaysLoggedInWhenOneDies() {
		String name = "Compose " + UUID.randomUUID().toString().substring(0, 8);
		WebClient browser = WebClient.registeredAndLoggedIn(STORE, name, ComposeClusterIT::awaitActivationLink);

		assertThat(dashboardsServedBy(browser, name, 6)).containsExactlyInAnyOrder("web1", "web2");

		compose("kill", "web1");
		assertThat(dashboardsServedBy(browser, name, 6)).containsExactly("web2");
	}

	/**
	 * Loads the dashboard this often, each time logged in as the user of this name, and
	 * gives the replicas.
	 */
	private static Set<String> dashboardsServedBy(WebClient browser, String name, int times) {
		Set<String> replicas = new HashSet<>();
		for (int i = 0; i < times; i++) {
			HttpResponse<String> dashboard = browser.get(STORE + "/dashboard");
			assertThat(dashboard.statusCode()).as("dashboard %d", i).isEqualTo(200);
			assertThat(dashboard.body()).contains("<h1>Welcome " + name + "</h1>");
			replicas.add(dashboard.headers().firstValue("X-Served-By").orElseThrow());
		}
		return replicas;
	}

	/** The activation link in the mail to this address, as Mailpit's API gives it. */
	private static String awaitActivationLink(String address) {
		JsonMapper json = JsonMapper.builder().build();
		String id = await("a mail to " + address + " in Mailpit").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> messageTo(json.readTree(get(MAILPIT + "/api/v1/messages").body()), address), Objects::nonNull);
		String text = json.readTree(get(MAILPIT + "/api/v1/message/" + id).body()).path("Text").asString();
		Matcher found = ACTIVATION_LINK.matcher(text);
		assertThat(found.find()).as(text).isTrue();
		return found.group();
	}

	/**
	 * The id of the first of Mailpit's messages that is to this address, or {@code null}.
	 */
	private static String messageTo(JsonNode messages, String address) {
		for (JsonNode message : messages.path("messages")) {
			for (JsonNode to : message.path("To")) {
				if (address.equals(to.path("Address").asString())) {
					return message.path("ID").asString();
				}
			}
		}
		return null;
	}

	private static HttpResponse<String> get(String url) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking " + url, ex);
		}
	}

	/**
	 * Runs Docker Compose on the project's file under this test's project name, and gives
	 * what it printed.
	 */
	private static String compose(String... arguments) {
		List<String> withProject = new ArrayList<>(List.of("--project-name", PROJECT));
		withProject.addAll(List.of(arguments));
		try {
			return compose.run(withProject.toArray(String[]::new)).successful();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
