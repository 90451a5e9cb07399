package io.cardstore.web.cluster;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.testing.http.CookieClient;

/** A browser for the cluster tests: keeps its cookies and reads CSRF tokens from pages. */
final class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

	private final CookieClient client = new CookieClient("ClusterIT");

	HttpResponse<String> get(String url) {
		return this.client.get(url);
	}

	HttpResponse<String> post(String url, Map<String, String> form) {
		return this.client.post(url, form);
	}

	/** The CSRF token of a page (every page carries it in a meta tag). */
	String csrfToken(String pageUrl) {
		Matcher matcher = CSRF.matcher(get(pageUrl).body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on " + pageUrl);
		}
		return matcher.group(1);
	}

	/** The value of the session cookie, to present it again from another client. */
	String sessionCookie() {
		return this.client.cookie("SESSION");
	}

	WebClient withSessionCookie(String value) {
		this.client.withCookie("SESSION", value);
		return this;
	}

}
