package io.cardstore.aws.upload;

import java.io.IOException;
import java.nio.file.Files;

import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.testing.ProjectFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lifecycle rule that expires unclaimed uploads is also written where code cannot
 * reach: in LocalStack's init script, which must name the prefix and age the application
 * uses. (The AWS stack of {@code cardstore-infra} builds the rule from the constants
 * themselves, and its tests check it.)
 */
class UploadLifecycleRuleTests {

	/** The rule's JSON without white space. */
	static final String RULE = "\"Filter\":{\"Prefix\":\"" + CardImageUploads.UPLOAD_PREFIX
			+ "\"},\"Status\":\"Enabled\"," + "\"Expiration\":{\"Days\":" + CardImageUploads.UNCLAIMED_UPLOAD_DAYS
			+ "}";

	@Test
	void theLocalStackInitScriptPutsTheRule() throws IOException {
		String script = Files.readString(ProjectFiles.find("localstack/init/ready.d/01-cardstore-resources.sh"));

		assertThat(script).contains("awslocal s3api put-bucket-lifecycle-configuration --bucket \"$bucket\"");
		assertThat(withoutWhiteSpace(script)).contains(RULE);
	}

	private static String withoutWhiteSpace(String text) {
		return text.replaceAll("\\s+", "");
	}

}
