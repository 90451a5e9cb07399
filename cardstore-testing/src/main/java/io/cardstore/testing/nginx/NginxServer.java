package io.cardstore.testing.nginx;

import java.util.List;

import io.cardstore.testing.BackingServicesProvider;
import io.cardstore.testing.NativeProcess;

/**
 * nginx running the project's template in front of replicas on this machine: the load
 * balancer of the cluster tests and of the local run with several replicas. From a container
 * when a Docker engine answers, from the PATH otherwise.
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

	/** Starts nginx on a free port in front of replicas at these loopback addresses ({@code 127.0.0.1:port}). */
	static NginxServer start(List<String> upstreams) {
		return start(upstreams, NativeProcess.freePort());
	}

	static NginxServer start(List<String> upstreams, int port) {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerNginxServer.start(upstreams, port);
			case NATIVE -> NativeNginxServer.start(upstreams, port);
		};
	}

	/**
	 * Checks the project's template, rendered, with {@code nginx -t} from the PATH.
	 * @return what nginx said
	 */
	static String test(List<String> upstreams) {
		return NativeNginxServer.test(upstreams);
	}

}
