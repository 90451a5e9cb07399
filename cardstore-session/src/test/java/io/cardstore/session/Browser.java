package io.cardstore.session;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.cardstore.testing.http.CookieClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the session tests, driving {@link SessionTestApplication}'s login, logout
 * and who-am-I endpoints on instances at {@code localhost:<port>}.
 */
final class Browser {

	static final String COOKIE = "SESSION";

	private final CookieClient client;

	Browser(String userAgent) {
		this.client = new CookieClient(userAgent);
	}

	/**
	 * A browser logged in as a new user on the instance at this port, which has then
	 * served it once more: the session is in that instance's cache from then on.
	 */
	static Browser loggedIn(int port) {
		Browser browser = new Browser("Firefox");
		browser.login(port, "user-" + UUID.randomUUID().toString().substring(0, 8));
		browser.whoami(port);
		return browser;
	}

	HttpResponse<String> get(int port, String path) {
		return this.client.get(url(port, path));
	}

	String whoami(int port) {
		HttpResponse<String> response = get(port, "/whoami");
		assertThat(response.statusCode()).as("GET /whoami").isEqualTo(200);
		return response.body();
	}

	/** Logs in through the form, as a browser does: fetch a CSRF token, then post. */
	HttpResponse<String> login(int port, String username) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", username + "-password");
		form.put("_csrf", csrfToken(port));
		HttpResponse<String> response = this.client.post(url(port, "/login"), form);
		assertThat(response.statusCode()).as("POST /login").isEqualTo(302);
		return response;
	}

	HttpResponse<String> logout(int port) {
		HttpResponse<String> response = this.client.post(url(port, "/logout"), Map.of("_csrf", csrfToken(port)));
		assertThat(response.statusCode()).as("POST /logout").isEqualTo(302);
		return response;
	}

	String csrfToken(int port) {
		HttpResponse<String> response = get(port, "/csrf");
		assertThat(response.statusCode()).as("GET /csrf").isEqualTo(200);
		return response.body();
	}

	/** The handle the user's list of sessions gives this browser's session. */
	String sessionHandle() {
		return UserSessions.handle(sessionId());
	}

	/** The session id the browser holds: the cookie carries it as it is. */
	String sessionId() {
		return this.client.cookie(COOKIE);
	}

	/**
	 * Makes the browser present a given session id, as a stolen or copied cookie would.
	 */
	Browser withSession(String sessionId) {
		this.client.withCookie(COOKIE, sessionId);
		return this;
	}

	private static String url(int port, String path) {
		return "http://localhost:" + port + path;
	}

}
