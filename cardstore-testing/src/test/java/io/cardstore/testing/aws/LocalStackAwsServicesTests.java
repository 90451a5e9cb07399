package io.cardstore.testing.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LocalStack as the tests configure it, checked without a Docker engine: the services the
 * store uses, in the region the clients sign for, with S3 signatures checked, as in
 * docker-compose.yml.
 */
class LocalStackAwsServicesTests {

	@Test
	void localStackRunsTheStoresServicesAndChecksSignatures() {
		Map<String, String> environment = LocalStackAwsServices.environment();

		assertThat(environment.get("SERVICES").split(",")).containsExactlyInAnyOrder("s3", "sqs", "dynamodb", "ses");
		assertThat(environment).containsEntry("S3_SKIP_SIGNATURE_VALIDATION", "0")
			.containsEntry("AWS_DEFAULT_REGION", AwsServices.REGION);
	}

	@Test
	void theComposeFileRunsTheSameLocalStack() throws IOException {
		String compose = Files.readString(ProjectFiles.find("docker-compose.yml"));
		String fromLocalStack = compose.substring(compose.indexOf("\n  localstack:"));
		String localStack = fromLocalStack.substring(0, fromLocalStack.indexOf("\n  mailpit:"));

		assertThat(localStack).contains("image: " + LocalStackAwsServices.IMAGE.asCanonicalNameString());
		LocalStackAwsServices.environment()
			.forEach((name, value) -> assertThat(localStack).as(name)
				.containsPattern(name + ": \"?" + value + "\"?\\n"));
	}

}
