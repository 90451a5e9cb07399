package io.cardstore.web.cluster;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.http.CookieClient;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.web.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for the cluster tests and the session benchmark: keeps its cookies and reads
 * CSRF tokens from pages.
 */
public final class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

	private final CookieClient client = new CookieClient("ClusterIT");

	private String username;

	/**
	 * A new user, registered through the store at this address, activated from the link
	 * in the mail the mail catcher received, and logged in.
	 */
	public static WebClient registeredAndLoggedIn(String storeUrl, MailCatcher mail) {
		return registeredAndLoggedIn(storeUrl, "Cluster User",
				address -> MailCatcher.on(storeUrl, mail.awaitLink(address, "/activate")));
	}

	/**
	 * A new user of this name, registered through the store at this address, activated by
	 * opening the link {@code activationLink} finds in the mail to the user's address,
	 * and logged in.
	 */
	public static WebClient registeredAndLoggedIn(String storeUrl, String name,
			Function<String, String> activationLink) {
		String username = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String address = username + "@example.com";
		WebClient client = new WebClient();
		client.post(storeUrl + "/register", Map.of("_csrf", client.csrfToken(storeUrl + "/"), "username", username,
				"name", name, "email", address, "password", TestAccounts.PASSWORD));
		assertThat(client.activate(activationLink.apply(address)).body()).contains("Your account is active");
		return client.logIn(storeUrl, username, TestAccounts.PASSWORD);
	}

	/** A client logged in as an existing user. */
	public static WebClient loggedIn(String storeUrl, String username, String password) {
		return new WebClient().logIn(storeUrl, username, password);
	}

	private WebClient logIn(String storeUrl, String username, String password) {
		HttpResponse<String> login = post(storeUrl + "/login",
				Map.of("_csrf", csrfToken(storeUrl + "/"), "username", username, "password", password));
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/dashboard"));
		this.username = username;
		return this;
	}

	/**
	 * Opens an activation link, as a reader of the mail would, and presses the page's one
	 * button: a POST of the link's user name and token, with the page's CSRF token.
	 */
	public HttpResponse<String> activate(String link) {
		HttpResponse<String> page = get(link);
		assertThat(page.body()).contains("Activate my account");
		Map<String, String> form = new HashMap<>(Map.of("_csrf", csrfToken(page)));
		for (String parameter : URI.create(link).getRawQuery().split("&")) {
			String[] pair = parameter.split("=", 2);
			form.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
		}
		return post(link.substring(0, link.indexOf('?')), form);
	}

	/** The user this client registered and logged in as. */
	public String username() {
		return this.username;
	}

	/**
	 * A call to the store's JSON API with the CSRF token of a page, as the pages' scripts
	 * make it.
	 */
	public HttpResponse<String> postJson(String url, String json, String pageUrl) {
		return this.client.postJson(url, json, Map.of("X-XSRF-TOKEN", csrfToken(pageUrl)));
	}

	public HttpResponse<String> get(String url) {
		return this.client.get(url);
	}

	public HttpResponse<String> get(String url, String accept) {
		return this.client.get(url, accept);
	}

	public HttpResponse<String> post(String url, Map<String, String> form) {
		return this.client.post(url, form);
	}

	/** The CSRF token of a page (every page carries it in a meta tag). */
	public String csrfToken(String pageUrl) {
		return csrfToken(get(pageUrl));
	}

	/** The CSRF token of a page already fetched. */
	public static String csrfToken(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on " + page.uri());
		}
		return matcher.group(1);
	}

	/** The value of the session cookie, to present it again from another client. */
	String sessionCookie() {
		return cookie("SESSION");
	}

	/** The value of a cookie the client holds, or {@code null}. */
	public String cookie(String name) {
		return this.client.cookie(name);
	}

	WebClient withSessionCookie(String value) {
		this.client.withCookie("SESSION", value);
		return this;
	}

}
