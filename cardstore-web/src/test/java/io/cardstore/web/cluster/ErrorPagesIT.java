package io.cardstore.web.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cardstore.local.Replica;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.nginx.NginxServer;
import io.cardstore.testing.redis.RedisOptions;
import io.cardstore.testing.redis.RedisServer;
import io.cardstore.testing.redis.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store's own error pages, as a browser and an API client meet them through nginx: a
 * page in the store's layout for a browser, a problem document for anything else, neither
 * with an exception's text, for a missing page (404), a refused request (403) and a
 * session store outage (503), whose warning in the replica's log carries the request id
 * nginx logged. A replica built from the jar, as in {@link ClusterIT}.
 */
class ErrorPagesIT {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static RedisServer redis;

	static Replica replica;

	static NginxServer nginx;

	@BeforeAll
	static void startStore() {
		redis = RedisServers.start(RedisOptions.defaults().withAppendOnly());
		Map<String, String> properties = new HashMap<>(redis.connectionProperties());
		properties.putAll(AwsEmulators.shared().connectionProperties());
		properties.putAll(MailCatcher.shared().connectionProperties());
		replica = new Replica("replica-errors", properties);
		Replica.startTogether(List.of(replica));
		nginx = NginxServer.start(List.of(replica.address()));
	}

	@AfterAll
	static void stopStore() throws Exception {
		for (AutoCloseable running : new AutoCloseable[] { nginx, replica, redis }) {
			if (running != null) {
				running.close();
			}
		}
	}

	@Test
	void aMissingPageIsTheStoresPageForABrowserAndAProblemForAnApi() {
		// Logged in: anonymous, any page but the public ones leads to the login page.
		WebClient user = loggedInUser();

		HttpResponse<String> page = user.get(nginx.url() + "/no-such-page");
		HttpResponse<String> api = user.get(nginx.url() + "/api/no-such-thing", "application/json");

		assertStorePage(page, 404, "This page does not exist");
		assertProblem(api, 404, "Not Found", "/api/no-such-thing");
	}

	@Test
	void aPostWithoutItsTokenIsRefusedWithTheStoresPageOrAProblem() throws Exception {
		HttpResponse<String> page = send("POST", "/register", "text/html");
		HttpResponse<String> api = send("POST", "/api/cards", "application/json");

		assertStorePage(page, 403, "This request is not allowed");
		assertProblem(api, 403, "Forbidden", "/api/cards");
	}

	@Test
	void aSessionStoreOutageIsTheStoresPageForABrowserAndAProblemForAnApi() throws Exception {
		WebClient user = loggedInUser();
		redis.stop();
		try {
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> user.get(nginx.url() + "/dashboard").statusCode() == 503);
			HttpResponse<String> page = user.get(nginx.url() + "/dashboard");
			HttpResponse<String> api = user.get(nginx.url() + "/api/cards", "application/json");

			assertStorePage(page, 503, "Temporarily unavailable");
			assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
			assertProblem(api, 503, "Service Unavailable", "/api/cards");
			assertThat(replica.log()).as("the page rendered without touching the session")
				.doesNotContain("Exception Processing ErrorPage");
			String requestId = page.headers().firstValue("X-Request-Id").orElseThrow();
			assertThat(requestId).as("nginx's id, not one the replica made up").matches("[0-9a-f]{32}");
			assertThat(nginx.accessLog()).contains("request_id=" + requestId);
			assertThat(replica.log()).as("the replica's warning names the request as nginx does, and its trace")
				.containsPattern("\\[" + requestId
						+ " [0-9a-f]{32}\\] .*Redis is unreachable; answered GET /dashboard with 503");
		}
		finally {
			redis.start();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> user.get(nginx.url() + "/dashboard").statusCode() == 200);
	}

	/**
	 * A new user, activated from the mail; a replica's queue listener may take longer
	 * than the mail catcher's usual 30 s after a busy start, so the mail is awaited
	 * longer.
	 */
	static WebClient loggedInUser() {
		String store = nginx.url();
		return WebClient.registeredAndLoggedIn(store, "Cluster User",
				address -> MailCatcher.on(store,
						await("the activation mail").atMost(Duration.ofSeconds(120))
							.ignoreExceptions()
							.until(() -> MailCatcher.shared().awaitLink(address, "/activate"), link -> true)));
	}

	static HttpResponse<String> send(String method, String path, String accept)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(nginx.url() + path))
			.header("Accept", accept)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method(method,
					method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString("username=someone"))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static void assertStorePage(HttpResponse<String> response, int status, String heading) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<h1>" + heading + "</h1>")
			.contains("Error " + status + " · ")
			.contains("· CardStore</title>")
			.contains("/css/cardstore.css")
			.doesNotContain("Whitelabel")
			.doesNotContain("Exception")
			.doesNotContain("at io.")
			.doesNotContain("nginx");
	}

	static void assertProblem(HttpResponse<String> response, int status, String title, String path) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"title\":\"" + title + "\"")
			.contains("\"status\":" + status)
			.contains("\"instance\":\"" + path + "\"")
			.doesNotContain("Exception")
			.doesNotContain("trace");
	}

}
