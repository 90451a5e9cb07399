package io.cardstore.testing.aws;

import java.net.URI;
import java.util.Map;

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
		LocalStackContainer localStack = container();
		localStack.start();
		LocalStackAwsServices services = new LocalStackAwsServices(names, localStack);
		AwsResources.create(services);
		return services;
	}

	/** The container, not started. */
	static LocalStackContainer container() {
		return new LocalStackContainer(IMAGE).withEnv(environment());
	}

	/** LocalStack's settings, as docker-compose.yml gives them too. */
	static Map<String, String> environment() {
		return Map.of("SERVICES", "s3,sqs,dynamodb,ses", "AWS_DEFAULT_REGION", REGION,
				// Without it LocalStack accepts any signature, and presigned URLs would go untested.
				"S3_SKIP_SIGNATURE_VALIDATION", "0");
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
