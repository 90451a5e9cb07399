package io.cardstore.testing.nginx;

import java.util.List;
import java.util.Map;

import io.cardstore.testing.nginx.NginxServer.Balancing;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx container as configured, checked without a Docker engine: it gets the
 * template's variables as docker-compose.yml gives them, with the replicas on the host
 * reached through the host gateway on their own ports.
 */
class ContainerNginxServerTests {

	@Test
	void theReplicasAreReachedThroughTheHostGatewayOnTheirPorts() {
		GenericContainer<?> nginx = ContainerNginxServer.container(List.of("127.0.0.1:18081", "127.0.0.1:18082"), 18080,
				Balancing.ROUND_ROBIN);

		Map<String, String> environment = nginx.getEnvMap();
		assertThat(environment.get("CARDSTORE_UPSTREAM_SERVERS"))
			.contains("server host.testcontainers.internal:18081 max_fails=2 fail_timeout=10s;")
			.contains("server host.testcontainers.internal:18082 max_fails=2 fail_timeout=10s;")
			.doesNotContain("127.0.0.1");
		assertThat(environment).containsEntry("CARDSTORE_LISTEN", "80")
			.containsEntry("CARDSTORE_ACCESS_LOG", "/dev/stdout")
			.containsEntry("CARDSTORE_SERVER_NAMES", NginxTemplate.SERVER_NAMES);
		assertThat(nginx.getPortBindings()).containsExactly("18080:80/tcp");
		assertThat(NginxTemplate.project().render(environment)).as("every variable of the template has a value")
			.contains("server_name " + NginxTemplate.SERVER_NAMES + ";");
	}

	@Test
	void stickySessionsOpenTheUpstreamBlockWithIpHash() {
		GenericContainer<?> nginx = ContainerNginxServer.container(List.of("127.0.0.1:18081"), 18080,
				Balancing.IP_HASH);

		assertThat(nginx.getEnvMap().get("CARDSTORE_UPSTREAM_SERVERS")).startsWith("ip_hash;");
	}

}
