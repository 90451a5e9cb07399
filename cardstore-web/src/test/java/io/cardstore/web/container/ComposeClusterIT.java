package io.cardstore.web.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.compose.DockerCompose;
import io.cardstore.web.TestAccounts;
import io.cardstore.web.cluster.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} as it is, run with Docker Compose (v2, or v1 where only that is
 * installed): nginx in front of {@code web1} and {@code web2}, with Redis, LocalStack and Mailpit.
 * A user registers through nginx on 8080, activates the account from the mail Mailpit shows, logs
 * in, is served by both replicas, and stays logged in when {@code web1} is killed.
 */
class ComposeClusterIT {

	static final String PROJECT = "cardstore-compose-it";

	static final String STORE = "http://localhost:8080";

	static final String MAILPIT = "http://localhost:8025";

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static final Pattern ACTIVATION_LINK = Pattern.compile(
			Pattern.quote(STORE) + "/activate\\?username=[^&\\s\"<>]+&token=[A-Za-z0-9_-]+");

	static DockerCompose compose;

	@BeforeAll
	static void up() throws Exception {
		compose = DockerCompose.find();
		long started = System.nanoTime();
		compose("up", "-d");
		awaitOk(STORE + "/nginx-health", Duration.ofMinutes(3));
		System.out.println("docker-compose.yml up, nginx answering, " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
				+ " s after 'up' (" + String.join(" ", compose.command()) + ")");
	}

	@AfterAll
	static void down() throws Exception {
		if (compose != null) {
			System.out.println(compose("ps"));
			compose("down", "--volumes", "--remove-orphans");
		}
	}

	@Test
	void aUserRegistersActivatesLogsInIsServedByBothReplicasAndStaysLoggedInWhenOneDies() throws Exception {
		String username = "compose" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		String address = username + "@example.com";
		String name = "Compose " + username.substring("compose".length());
		WebClient browser = new WebClient();
		browser.post(STORE + "/register", Map.of("_csrf", browser.csrfToken(STORE + "/"), "username", username, "name", name,
				"email", address, "password", TestAccounts.PASSWORD));

		URI link = awaitActivationLink(address);
		assertThat(browser.get(link.toString()).body()).contains("Your account is active");
		HttpResponse<String> login = browser.post(STORE + "/login",
				Map.of("_csrf", browser.csrfToken(STORE + "/"), "username", username, "password", TestAccounts.PASSWORD));
		assertThat(login.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/dashboard"));

		assertThat(dashboardsServedBy(browser, name, 6)).containsExactlyInAnyOrder("web1", "web2");

		compose("kill", "web1");
		assertThat(dashboardsServedBy(browser, name, 6)).containsExactly("web2");
	}

	/** Loads the dashboard this often, each time logged in as the user of this name, and gives the replicas. */
	private static Set<String> dashboardsServedBy(WebClient browser, String name, int times) {
		Set<String> replicas = new HashSet<>();
		for (int i = 0; i < times; i++) {
			HttpResponse<String> dashboard = browser.get(STORE + "/dashboard");
			assertThat(dashboard.statusCode()).as("dashboard %d", i).isEqualTo(200);
			assertThat(dashboard.body()).contains("Welcome <span>" + name + "</span>");
			replicas.add(dashboard.headers().firstValue("X-Served-By").orElseThrow());
		}
		return replicas;
	}

	/** The activation link of the newest mail to this address, as Mailpit's API gives it. */
	private static URI awaitActivationLink(String address) throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			for (JsonNode message : json.readTree(get(MAILPIT + "/api/v1/messages").body()).path("messages")) {
				boolean toAddress = false;
				for (JsonNode to : message.path("To")) {
					toAddress |= address.equals(to.path("Address").asString());
				}
				if (toAddress) {
					String text = json.readTree(get(MAILPIT + "/api/v1/message/" + message.path("ID").asString()).body())
						.path("Text")
						.asString();
					Matcher found = ACTIVATION_LINK.matcher(text);
					assertThat(found.find()).as(text).isTrue();
					return URI.create(found.group());
				}
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("No mail to " + address + " in Mailpit within 60 s");
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitOk(String url, Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			try {
				if (get(url).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not up yet.
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException(url + " did not answer 200 within " + timeout);
	}

	/** Runs Docker Compose on the project's file under this test's project name, and gives what it printed. */
	private static String compose(String... arguments) throws IOException {
		List<String> withProject = new ArrayList<>(List.of("--project-name", PROJECT));
		withProject.addAll(List.of(arguments));
		return compose.run(withProject.toArray(String[]::new)).successful();
	}

}
