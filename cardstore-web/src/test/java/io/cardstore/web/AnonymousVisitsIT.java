package io.cardstore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cardstore.testing.http.CookieClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous visits start no session: a crawler cannot fill Redis. The forms still carry
 * CSRF protection, with the token in a cookie.
 */
@CardStoreIntegrationTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnonymousVisitsIT {

	static final List<String> ANONYMOUS_PAGES = List.of("/", "/register", "/activate", "/activate?username=x&token=y",
			"/css/cardstore.css", "/images/default-card.svg", "/no-such-page", "/dashboard", "/cards/new");

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void manyAnonymousVisitsCreateNothingInRedis() {
		Set<String> before = this.redis.keys("cardstore:*");

		for (int visit = 0; visit < 10; visit++) {
			for (String page : ANONYMOUS_PAGES) {
				HttpResponse<String> response = new CookieClient("Crawler " + visit).get(url(page));
				assertThat(response.statusCode()).as(page).isLessThan(500);
				assertThat(response.headers().allValues("Set-Cookie")).as(page)
					.noneMatch(cookie -> cookie.startsWith("SESSION="));
			}
		}

		assertThat(this.redis.keys("cardstore:*")).isEqualTo(before);
	}

	@Test
	void aFailedLoginStartsNoSessionEither() {
		CookieClient visitor = new CookieClient("Firefox");
		String token = csrfToken(visitor);
		Set<String> before = this.redis.keys("cardstore:session:*");

		HttpResponse<String> response = visitor.post(url("/login"),
				Map.of("username", "nobody-" + System.nanoTime(), "password", "wrong password", "_csrf", token));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/?error"));
		assertThat(visitor.cookie("SESSION")).isNull();
		assertThat(this.redis.keys("cardstore:session:*")).isEqualTo(before);
	}

	@Test
	void aForwardedHostFromTheClientChoosesNoRedirect() throws Exception {
		// From a trusted proxy's address, as through a load balancer that passes the
		// client's headers.
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/dashboard")))
				.header("X-Forwarded-Host", "attacker.example")
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValue("http://localhost:" + this.port + "/");
	}

	@Test
	void aMissingPageGetsTheStoresOwnErrorPage() {
		HttpResponse<String> response = new CookieClient("Firefox").get(url("/css/no-such-file.css"), "text/html");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("This page does not exist")
			.contains("Error 404")
			.contains("· CardStore</title>")
			.doesNotContain("Whitelabel");
	}

	@Test
	void theFormsStillRefuseAPostWithoutTheirToken() {
		CookieClient visitor = new CookieClient("Firefox");
		csrfToken(visitor);

		HttpResponse<String> withoutToken = visitor.post(url("/login"), Map.of("username", "x", "password", "y"));
		HttpResponse<String> withAnotherToken = visitor.post(url("/register"), Map.of("username", "x", "name", "X",
				"email", "x@example.com", "password", "a long enough password", "_csrf", "forged"));

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(withAnotherToken.statusCode()).isEqualTo(403);
		assertThat(visitor.cookie("XSRF-TOKEN")).as("the token lives in a cookie").isNotNull();
	}

	private String csrfToken(CookieClient visitor) {
		String page = visitor.get(url("/")).body();
		int start = page.indexOf("name=\"_csrf\" content=\"") + "name=\"_csrf\" content=\"".length();
		return page.substring(start, page.indexOf('"', start));
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
