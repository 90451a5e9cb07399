package io.cardstore.benchmark;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.cardstore.testing.http.CookieClient;
import io.cardstore.web.cluster.WebClient;

/**
 * One load of the benchmark: a request wrk repeats with the logged-in user's session, or, for
 * a form post, the browser's post-redirect-get pair. The pair is pipelined on each connection
 * so that the GET takes out of the session the flash message the POST put in: without it,
 * every POST would add one more, and the session would grow for as long as the load runs.
 *
 * @param name the load, as the table names it
 * @param path what is requested
 * @param accept the {@code Accept} header
 * @param form the fields of a form post, the CSRF token apart; {@code null} for a GET
 * @param redirectedTo where the form post redirects, which the browser then gets
 */
record Load(String name, String path, String accept, Map<String, String> form, String redirectedTo) {

	static Load get(String name, String path, String accept) {
		return new Load(name, path, accept, null, null);
	}

	static Load postRedirectGet(String name, String path, Map<String, String> form, String redirectedTo) {
		return new Load(name, path, "text/html", form, redirectedTo);
	}

	/**
	 * Fails unless the user gets what a logged-in user gets: run before and after wrk, since wrk
	 * counts a redirect to the login page as a success.
	 */
	void check(WebClient user, String storeUrl, String csrfToken) {
		if (this.form == null) {
			expect(user.get(storeUrl + this.path, this.accept), 200);
			return;
		}
		Map<String, String> fields = new HashMap<>(this.form);
		fields.put("_csrf", csrfToken);
		HttpResponse<String> post = expect(user.post(storeUrl + this.path, fields), 302);
		if (!post.headers().firstValue("Location").orElse("").endsWith(this.redirectedTo)) {
			throw new IllegalStateException("POST " + this.path + " redirected to "
					+ post.headers().firstValue("Location").orElse("nowhere") + ", not " + this.redirectedTo);
		}
		expect(user.get(storeUrl + this.redirectedTo), 200);
	}

	private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
					+ " answered " + response.statusCode() + ", not " + status);
		}
		return response;
	}

	/** The wrk script: the headers of a logged-in browser, and for a form post the pipelined pair. */
	String wrkScript(String cookie, String csrfToken) {
		if (this.form == null) {
			return """
					wrk.headers["Cookie"] = %s
					wrk.headers["Accept"] = %s
					""".formatted(lua(cookie), lua(this.accept));
		}
		return """
				init = function(args)
				  local post = wrk.format("POST", %1$s, { ["Cookie"] = %2$s, ["Accept"] = %3$s, ["X-CSRF-TOKEN"] = %4$s,
				    ["Content-Type"] = "application/x-www-form-urlencoded" }, %5$s)
				  local get = wrk.format("GET", %6$s, { ["Cookie"] = %2$s, ["Accept"] = %3$s })
				  pair = post .. get
				end
				request = function()
				  return pair
				end
				""".formatted(lua(this.path), lua(cookie), lua(this.accept), lua(csrfToken), lua(CookieClient.formBody(this.form)),
				lua(this.redirectedTo));
	}

	private static String lua(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
