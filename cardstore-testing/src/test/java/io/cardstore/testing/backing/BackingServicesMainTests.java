package io.cardstore.testing.backing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackingServicesMainTests {

	@Test
	void printsPropertiesAsTheEnvironmentVariablesSpringBootBinds() {
		assertThat(BackingServicesMain.environmentVariable("spring.data.redis.host"))
			.isEqualTo("SPRING_DATA_REDIS_HOST");
		assertThat(BackingServicesMain.environmentVariable("spring.cloud.aws.s3.path-style-access-enabled"))
			.isEqualTo("SPRING_CLOUD_AWS_S3_PATHSTYLEACCESSENABLED");
	}

}
