package io.cardstore.testing.http;

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
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP client that keeps cookies as a browser does (per host, whatever the port, so
 * two replicas on two ports behave like two replicas behind one address), sends form
 * posts, and follows no redirect, so that tests see every 302.
 */
public final class CookieClient {

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String userAgent;

	public CookieClient(String userAgent) {
		this.userAgent = userAgent;
	}

	public HttpResponse<String> get(String url) {
		return send(request(url).GET());
	}

	/**
	 * A GET that accepts this media type instead of HTML, such as
	 * {@code application/json} from an API.
	 */
	public HttpResponse<String> get(String url, String accept) {
		return send(request(url).setHeader("Accept", accept).GET());
	}

	public HttpResponse<String> post(String url, Map<String, String> form) {
		return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
	}

	/** A POST of a JSON body, with these headers, as the store's scripts call its API. */
	public HttpResponse<String> postJson(String url, String json, Map<String, String> headers) {
		HttpRequest.Builder request = request(url).setHeader("Accept", "application/json")
			.header("Content-Type", "application/json");
		headers.forEach(request::header);
		return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * The body of a form post with these fields
	 * ({@code application/x-www-form-urlencoded}).
	 */
	public static String formBody(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/** The value of a cookie the client holds, or {@code null}. */
	public @Nullable String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Makes the client present a cookie on localhost, as a copied or stolen cookie would
	 * be.
	 */
	public CookieClient withCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create("http://localhost/"), cookie);
		return this;
	}

	private HttpRequest.Builder request(String url) {
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("User-Agent", this.userAgent)
			.header("Accept", "text/html");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
