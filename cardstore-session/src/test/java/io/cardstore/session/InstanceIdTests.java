package io.cardstore.session;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdTests {

	static final Map<String, String> FARGATE = Map.of("HOSTNAME", "ip-10-0-1-23.eu-west-1.compute.internal",
			"ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/a1b2c3d4e5f64a7b8c9d0e1f2a3b4c5d-3057940393");

	@Test
	void aConfiguredIdComesFirst() {
		assertThat(InstanceId.of("web1", FARGATE).value()).isEqualTo("web1");
	}

	@Test
	void onEcsTheContainerIdNamesTheReplicaAndItsAddressStaysPrivate() {
		assertThat(InstanceId.of(null, FARGATE).value()).isEqualTo("a1b2c3d4e5f6").doesNotContain("10-0-1-23");
	}

	@Test
	void elsewhereTheHostNameDoes() {
		assertThat(InstanceId.of("", Map.of("HOSTNAME", "4f2c9a1b7e3d")).value()).isEqualTo("4f2c9a1b7e3d");
	}

}
