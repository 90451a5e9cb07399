package io.cardstore.benchmark;

import java.net.http.HttpResponse;

import io.cardstore.web.cluster.WebClient;

/**
 * One load of the benchmark: a GET wrk repeats, with the logged-in user's session, or with no
 * cookie at all, so that every request starts a session of its own and writes it (the login
 * page keeps its CSRF token in the session).
 *
 * @param name the load, as the table names it
 * @param path what is requested
 * @param accept the {@code Accept} header
 * @param loggedIn whether the requests carry the logged-in user's session cookie
 */
record Load(String name, String path, String accept, boolean loggedIn) {

	static Load loggedIn(String name, String path, String accept) {
		return new Load(name, path, accept, true);
	}

	static Load newSessionEachRequest(String name, String path) {
		return new Load(name, path, "text/html", false);
	}

	/**
	 * Fails unless the request gets what it should: a logged-in user's page (run before and after
	 * wrk, since wrk counts a redirect to the login page as a success), or a new session.
	 */
	void check(WebClient user, String storeUrl) {
		WebClient client = this.loggedIn ? user : new WebClient();
		HttpResponse<String> response = client.get(storeUrl + this.path, this.accept);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + this.path + " answered " + response.statusCode() + ", not 200");
		}
		if (!this.loggedIn && response.headers().allValues("Set-Cookie").isEmpty()) {
			throw new IllegalStateException("GET " + this.path + " started no session");
		}
	}

	/** The wrk script: the headers of the browser. */
	String wrkScript(String cookie) {
		String headers = "wrk.headers[\"Accept\"] = " + lua(this.accept) + "\n";
		return this.loggedIn ? headers + "wrk.headers[\"Cookie\"] = " + lua(cookie) + "\n" : headers;
	}

	private static String lua(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
