package io.cardstore.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the session tests: keeps cookies like a real one (per host, whatever the
 * port, so that two instances on two ports behave like two replicas behind one address) and
 * drives {@link SessionTestApplication}'s login, logout and who-am-I endpoints.
 */
final class Browser {

	static final String COOKIE = "SESSION";

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String userAgent;

	Browser(String userAgent) {
		this.userAgent = userAgent;
	}

	HttpResponse<String> get(int port, String path) {
		return send(request(port, path).GET().build());
	}

	HttpResponse<String> post(int port, String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(port, path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	String whoami(int port) {
		HttpResponse<String> response = get(port, "/whoami");
		assertThat(response.statusCode()).as("GET /whoami").isEqualTo(200);
		return response.body();
	}

	/** Logs in through the form, as a browser does: fetch a CSRF token, then post. */
	HttpResponse<String> login(int port, String username) {
		return login(port, username, username + "-password");
	}

	HttpResponse<String> login(int port, String username, String password) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", csrfToken(port));
		HttpResponse<String> response = post(port, "/login", form);
		assertThat(response.statusCode()).as("POST /login").isEqualTo(302);
		return response;
	}

	HttpResponse<String> logout(int port) {
		HttpResponse<String> response = post(port, "/logout", Map.of("_csrf", csrfToken(port)));
		assertThat(response.statusCode()).as("POST /logout").isEqualTo(302);
		return response;
	}

	String csrfToken(int port) {
		HttpResponse<String> response = get(port, "/csrf");
		assertThat(response.statusCode()).as("GET /csrf").isEqualTo(200);
		return response.body();
	}

	/** The session id the browser holds (Spring Session's cookie carries it Base64-encoded). */
	String sessionId() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(COOKIE))
			.map(cookie -> new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8))
			.findFirst()
			.orElse(null);
	}

	/** Makes the browser present a given session id, as a stolen or copied cookie would. */
	Browser withSession(String sessionId) {
		HttpCookie cookie = new HttpCookie(COOKIE,
				Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8)));
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create("http://localhost/"), cookie);
		return this;
	}

	private HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.header("User-Agent", this.userAgent);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
