package io.cardstore.aws.upload;

import java.io.IOException;
import java.nio.file.Files;

import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle rule that expires unclaimed uploads is also written where code cannot reach:
 * in LocalStack's init script and in the deployment steps. Both must name the prefix and age
 * the application uses.
 */
class UploadLifecycleRuleTest {

	/** The rule's JSON without white space. */
	static final String RULE = "\"Filter\":{\"Prefix\":\"" + CardImageUploads.UPLOAD_PREFIX + "\"},\"Status\":\"Enabled\","
			+ "\"Expiration\":{\"Days\":" + CardImageUploads.UNCLAIMED_UPLOAD_DAYS + "}";

	@Test
	void theLocalStackInitScriptPutsTheRule() throws IOException {
		String script = Files.readString(ProjectFiles.find("localstack/init/ready.d/01-cardstore-resources.sh"));

		assertThat(script).contains("awslocal s3api put-bucket-lifecycle-configuration --bucket \"$bucket\"");
		assertThat(withoutWhiteSpace(script)).contains(RULE);
	}

	@Test
	void theDeploymentStepsPutTheRule() throws IOException {
		String readme = Files.readString(ProjectFiles.find("README.md"));

		assertThat(readme).contains("aws s3api put-bucket-lifecycle-configuration");
		assertThat(withoutWhiteSpace(readme)).contains(RULE);
	}

	private static String withoutWhiteSpace(String text) {
		return text.replaceAll("\\s+", "");
	}

}
