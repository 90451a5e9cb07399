package io.cardstore.infra;

import java.util.List;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.constructs.Construct;

/**
 * The ECR repository of the application image, in a stack of its own: it must exist, and
 * hold an image, before the store's stack can start tasks from it.
 */
public class ImageRepositoryStack extends Stack {

	/** Images kept: enough to roll back well past any deployment still running. */
	static final int IMAGES_KEPT = 30;

	public ImageRepositoryStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
		super(scope, id, props);
		Repository repository = Repository.Builder.create(this, "Repository")
			.repositoryName(settings.repositoryName())
			.imageScanOnPush(true)
			// A tag names one image for good: the commit the image was built from.
			.imageTagMutability(TagMutability.IMMUTABLE)
			.encryption(RepositoryEncryption.AES_256)
			.lifecycleRules(List.of(LifecycleRule.builder()
				.description("Keep the " + IMAGES_KEPT + " most recent images")
				.tagStatus(TagStatus.ANY)
				.maxImageCount(IMAGES_KEPT)
				.build()))
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		CfnOutput.Builder.create(this, "RepositoryUri")
			.description("Where deploy/push-to-ecr.sh pushes the application image")
			.value(repository.getRepositoryUri())
			.build();
	}

}
