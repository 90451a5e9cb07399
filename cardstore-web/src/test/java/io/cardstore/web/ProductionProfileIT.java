package io.cardstore.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cardstore.market.account.Accounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In production the store is served over TLS, terminated at the load balancer, which says
 * so with {@code X-Forwarded-Proto}: its cookies are Secure and carry the __Host- prefix.
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
// The production profile requires the public address; this is the one every test
// application in
// the JVM builds mail links from, as they share one queue.
@TestPropertySource(properties = "cardstore.public-url=http://localhost:8080")
class ProductionProfileIT {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	Accounts accounts;

	@Test
	void theCsrfAndSessionCookiesAreSecureAndBoundToTheHost() throws Exception {
		HttpResponse<String> landing = send(HttpRequest.newBuilder(url("/")).GET());
		String csrfCookie = cookie(landing, "__Host-XSRF-TOKEN");
		String page = landing.body();
		int start = page.indexOf("name=\"_csrf\" content=\"") + "name=\"_csrf\" content=\"".length();
		String token = page.substring(start, page.indexOf('"', start));

		String username = this.testAccounts.activated();
		HttpResponse<String> login = send(HttpRequest.newBuilder(url("/login"))
			.header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password="
					+ URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token)));
		String sessionCookie = cookie(login, "__Host-SESSION");

		for (String cookie : List.of(csrfCookie, sessionCookie)) {
			assertThat(cookie).contains("Path=/")
				.contains("Secure")
				.contains("HttpOnly")
				.contains("SameSite=Lax")
				.doesNotContainIgnoringCase("Domain=");
		}
		assertThat(login.headers().firstValue("Location")).hasValue("https://localhost/dashboard");
		HttpResponse<String> dashboard = send(HttpRequest.newBuilder(url("/dashboard"))
			.header("Cookie", sessionCookie.substring(0, sessionCookie.indexOf(';')))
			.GET());
		assertThat(dashboard.statusCode()).isEqualTo(200);

		// A form's redirect message travels in a cookie as well bound to the host.
		String pageToken = dashboard.body().substring(dashboard.body().indexOf("name=\"_csrf\" content=\"") + 22);
		String newCsrfCookie = cookie(dashboard, "__Host-XSRF-TOKEN");
		HttpResponse<String> ended = send(HttpRequest.newBuilder(url("/account/sessions/revoke-others"))
			.header("Cookie",
					sessionCookie.substring(0, sessionCookie.indexOf(';')) + "; "
							+ newCsrfCookie.substring(0, newCsrfCookie.indexOf(';')))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + pageToken.substring(0, pageToken.indexOf('"')))));
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(cookie(ended, "__Host-FLASH")).contains("Path=/")
			.contains("Secure")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.doesNotContainIgnoringCase("Domain=");
	}

	@Test
	void newAccountsStartWithNoMoney() {
		String username = this.testAccounts.activated();

		assertThat(this.accounts.find(username).orElseThrow().balanceCents()).isZero();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		// As the load balancer forwards a request it received over TLS.
		return this.http.send(request.header("X-Forwarded-Proto", "https").header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String cookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(cookie -> cookie.startsWith(name + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"No cookie " + name + " in " + response.headers().allValues("Set-Cookie")));
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
