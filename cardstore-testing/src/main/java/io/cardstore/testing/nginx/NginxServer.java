package io.cardstore.testing.nginx;

import java.util.List;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.NativeProcess;

/**
 * nginx running the project's template in front of replicas on this machine: the load
 * balancer of the cluster tests and of the local run with several replicas. From a
 * container when a Docker engine answers, from the PATH otherwise.
 */
public interface NginxServer extends AutoCloseable {

	int port();

	default String url() {
		return "http://localhost:" + port();
	}

	/** The access log so far: one line per request, with the replica that answered it. */
	String accessLog();

	@Override
	void close();

	/**
	 * Starts nginx on a free port in front of replicas at these loopback addresses
	 * ({@code 127.0.0.1:port}).
	 */
	static NginxServer start(List<String> upstreams) {
		return start(upstreams, Balancing.ROUND_ROBIN);
	}

	/** Starts nginx on a free port, choosing a replica for each request this way. */
	static NginxServer start(List<String> upstreams, Balancing balancing) {
		return start(upstreams, NativeProcess.freePort(), balancing);
	}

	static NginxServer start(List<String> upstreams, int port) {
		return start(upstreams, port, Balancing.ROUND_ROBIN);
	}

	/** Starts nginx on a given port, choosing a replica for each request this way. */
	static NginxServer start(List<String> upstreams, int port, Balancing balancing) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerNginxServer.start(upstreams, port, balancing);
			case NATIVE -> NativeNginxServer.start(upstreams, port, balancing);
		};
	}

	/**
	 * Checks the project's template, rendered, with {@code nginx -t}: the image's where a
	 * Docker engine answers, the one on the PATH otherwise.
	 * @return what nginx said
	 */
	static String test(List<String> upstreams) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerNginxServer.test(upstreams);
			case NATIVE -> NativeNginxServer.test(upstreams);
		};
	}

	/** How nginx chooses the replica for a request. */
	enum Balancing {

		/** Round robin, as the template does: any replica serves any request. */
		ROUND_ROBIN(""),

		/**
		 * Each client address always goes to the same replica (sticky sessions), for
		 * sessions a replica keeps in its own memory.
		 */
		IP_HASH("ip_hash;"),

		/**
		 * Each client that names itself in an {@code X-Client-Id} header always goes to
		 * the same replica (sticky sessions for many clients on one address, as a load
		 * balancer's stickiness cookie pins each browser): a load generator's virtual
		 * users. A client without the header is pinned by its address.
		 */
		CLIENT_HASH("hash $http_x_client_id$remote_addr consistent;");

		private final String directive;

		Balancing(String directive) {
			this.directive = directive;
		}

		/** The directive that opens the upstream block, empty for nginx's default. */
		String directive() {
			return this.directive;
		}

	}

}
