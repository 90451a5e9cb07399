package io.cardstore.benchmark;

import java.net.http.HttpResponse;

import io.cardstore.web.cluster.WebClient;

/**
 * One load of the benchmark: a GET wrk repeats with the logged-in user's session.
 *
 * @param name the load, as the table names it
 * @param path what is requested
 * @param accept the {@code Accept} header
 */
record Load(String name, String path, String accept) {

	/**
	 * Fails unless the user gets what a logged-in user gets: run before and after wrk,
	 * since wrk counts a redirect to the login page as a success.
	 */
	void check(WebClient user, String storeUrl) {
		HttpResponse<String> response = user.get(storeUrl + this.path, this.accept);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + this.path + " answered " + response.statusCode() + ", not 200");
		}
	}

	/** The wrk script: the headers of the logged-in browser. */
	String wrkScript(String cookie) {
		return "wrk.headers[\"Accept\"] = " + lua(this.accept) + "\nwrk.headers[\"Cookie\"] = " + lua(cookie) + "\n";
	}

	private static String lua(String value) {
		return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
