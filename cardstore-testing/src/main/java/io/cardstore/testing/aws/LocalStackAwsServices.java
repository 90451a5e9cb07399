package io.cardstore.testing.aws;

import java.net.URI;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in a container: one endpoint for S3, SQS and DynamoDB. */
final class LocalStackAwsServices implements AwsServices {

	/** Newer tags refuse to start without an auth token. */
	static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.12.0");

	private final AwsResourceNames names;

	private final LocalStackContainer localStack;

	private LocalStackAwsServices(AwsResourceNames names, LocalStackContainer localStack) {
		this.names = names;
		this.localStack = localStack;
	}

	static LocalStackAwsServices start(AwsResourceNames names) {
		LocalStackContainer localStack = new LocalStackContainer(IMAGE).withServices("s3", "sqs", "dynamodb", "ses")
			.withEnv("AWS_DEFAULT_REGION", REGION)
			// Without it LocalStack accepts any signature, and presigned URLs would go untested.
			.withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0");
		localStack.start();
		LocalStackAwsServices services = new LocalStackAwsServices(names, localStack);
		AwsResources.create(services);
		return services;
	}

	@Override
	public URI s3Endpoint() {
		return this.localStack.getEndpoint();
	}

	@Override
	public URI sqsEndpoint() {
		return this.localStack.getEndpoint();
	}

	@Override
	public URI dynamoDbEndpoint() {
		return this.localStack.getEndpoint();
	}

	@Override
	public AwsResourceNames resources() {
		return this.names;
	}

	@Override
	public boolean s3KeepsBucketConfiguration() {
		return true;
	}

	@Override
	public void close() {
		this.localStack.stop();
	}

	@Override
	public String toString() {
		return "LocalStack " + IMAGE.getVersionPart() + " at " + this.localStack.getEndpoint();
	}

}
