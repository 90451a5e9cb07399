package io.cardstore.testing.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in a container: one endpoint for S3, SQS and DynamoDB. */
final class LocalStackAwsServices implements AwsServices {

	/** Newer tags refuse to start without an auth token. */
	static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.12.0");

	private final AwsResourceNames names;

	/**
	 * The edition a stand-in for LocalStack's image names in its health answer (see
	 * .ci/stand-in-images.sh).
	 */
	static final String STAND_IN_EDITION = "\"edition\": \"stand-in\"";

	private final LocalStackContainer localStack;

	private final boolean keepsBucketConfiguration;

	private LocalStackAwsServices(AwsResourceNames names, LocalStackContainer localStack,
			boolean keepsBucketConfiguration) {
		this.names = names;
		this.localStack = localStack;
		this.keepsBucketConfiguration = keepsBucketConfiguration;
	}

	static LocalStackAwsServices start(AwsResourceNames names) {
		LocalStackContainer localStack = container();
		localStack.start();
		LocalStackAwsServices services = new LocalStackAwsServices(names, localStack, !isStandIn(localStack));
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
				// Without it LocalStack accepts any signature, and presigned URLs would
				// go untested.
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

	/**
	 * LocalStack keeps a bucket's configuration. Where no registry answers, CI runs a
	 * stand-in of the same name (the Java emulators behind nginx), whose S3 keeps none
	 * and which says so in its health answer.
	 */
	@Override
	public boolean s3KeepsBucketConfiguration() {
		return this.keepsBucketConfiguration;
	}

	private static boolean isStandIn(LocalStackContainer localStack) {
		HttpRequest health = HttpRequest.newBuilder(localStack.getEndpoint().resolve("/_localstack/health")).build();
		try {
			return HttpClient.newHttpClient()
				.send(health, HttpResponse.BodyHandlers.ofString())
				.body()
				.contains(STAND_IN_EDITION);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("LocalStack's health did not answer at " + health.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.localStack.stop();
	}

	@Override
	public String toString() {
		return "LocalStack " + IMAGE.getVersionPart() + (this.keepsBucketConfiguration ? "" : " (a stand-in)") + " at "
				+ this.localStack.getEndpoint();
	}

}
