package io.cardstore.testing.nginx;

import java.util.List;

import io.cardstore.testing.ListeningSockets;
import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.nginx.NginxServer.Balancing;
import org.junit.jupiter.api.Test;

/**
 * nginx, as the native cluster and the tests run it, is reachable from this machine only.
 */
class NativeNginxLoopbackIT {

	@Test
	void nativeNginxListensOnLoopbackOnly() {
		try (NativeNginxServer nginx = NativeNginxServer.start(List.of("127.0.0.1:9"), NativeProcess.freePort(),
				Balancing.ROUND_ROBIN)) {
			ListeningSockets.assertLoopbackOnly(nginx.port());
		}
	}

}
