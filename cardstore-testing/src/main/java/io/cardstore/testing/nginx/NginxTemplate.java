package io.cardstore.testing.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cardstore.testing.ProjectFiles;
import io.cardstore.testing.nginx.NginxServer.Balancing;

/**
 * The project's nginx template ({@code nginx/cardstore.conf.template}), rendered the way
 * the nginx image renders it: {@code ${CARDSTORE_*}} variables are replaced, nginx's own
 * {@code $variables} are left alone.
 */
public final class NginxTemplate {

	/**
	 * The host names the store answers to on this machine; requests naming any other get
	 * no answer.
	 */
	public static final String SERVER_NAMES = "localhost 127.0.0.1";

	private final String text;

	private NginxTemplate(String text) {
		this.text = text;
	}

	/**
	 * The template of the project the tests run in (found from the working directory
	 * upwards).
	 */
	public static NginxTemplate project() {
		return of(ProjectFiles.find("nginx/cardstore.conf.template"));
	}

	public static NginxTemplate of(Path template) {
		try {
			return new NginxTemplate(Files.readString(template));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The template as written, variables and all. */
	public String text() {
		return this.text;
	}

	/** The upstream lines for replicas at these addresses ({@code host:port}). */
	public static String upstreamServers(List<String> addresses) {
		return addresses.stream()
			.map(address -> "server " + address + " max_fails=2 fail_timeout=10s;")
			.collect(Collectors.joining("\n    "));
	}

	public String render(Map<String, String> variables) {
		String rendered = this.text;
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			rendered = rendered.replace("${" + variable.getKey() + "}", variable.getValue());
		}
		int unresolved = rendered.indexOf("${CARDSTORE_");
		if (unresolved >= 0) {
			throw new IllegalArgumentException(
					"No value for " + rendered.substring(unresolved, rendered.indexOf('}', unresolved) + 1));
		}
		return rendered;
	}

	/**
	 * The variables for replicas at these addresses, logging to a file.
	 * @param listen what nginx listens on: a port (every interface, as in a container) or
	 * {@code address:port}
	 */
	public static Map<String, String> variables(List<String> upstreams, String listen, String accessLog) {
		return variables(Balancing.ROUND_ROBIN, upstreams, listen, accessLog);
	}

	/**
	 * The same, with the upstream block opened by the directive of a balancing method.
	 */
	public static Map<String, String> variables(Balancing balancing, List<String> upstreams, String listen,
			String accessLog) {
		String servers = upstreamServers(upstreams);
		// Inside the upstream block, before its keepalive directive, which must follow
		// the method.
		String upstream = balancing.directive().isEmpty() ? servers : balancing.directive() + "\n    " + servers;
		return Map.of("CARDSTORE_UPSTREAM_SERVERS", upstream, "CARDSTORE_LISTEN", listen, "CARDSTORE_ACCESS_LOG",
				accessLog, "CARDSTORE_SERVER_NAMES", SERVER_NAMES);
	}

}
