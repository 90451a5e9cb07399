package io.cardstore.testing.aws;

import java.net.URI;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the infrastructure creates in AWS: the private bucket with the CORS rule that
 * lets browsers upload to it, and the activation queue with its dead-letter queue.
 */
public final class AwsResources {

	/** Receives before an activation request is moved to the dead-letter queue. */
	public static final int MAX_RECEIVES = 3;

	/** Short, so that a failed message comes back quickly in tests and local runs. */
	public static final int VISIBILITY_TIMEOUT_SECONDS = 2;

	private AwsResources() {
	}

	/**
	 * @param bucketCors whether to put the bucket's CORS rule; S3Mock has no such API (it takes
	 * the request for a second bucket creation)
	 */
	static void create(AwsServices services, boolean bucketCors) {
		AwsResourceNames names = services.resources();
		try (S3Client s3 = s3Client(services.s3Endpoint())) {
			try {
				s3.createBucket(bucket -> bucket.bucket(names.bucket()));
			}
			catch (BucketAlreadyOwnedByYouException ex) {
				// Created by an earlier attempt of the same request.
			}
			if (bucketCors) {
				s3.putBucketCors(cors -> cors.bucket(names.bucket())
				.corsConfiguration(configuration -> configuration.corsRules(CORSRule.builder()
					.allowedOrigins("*")
					.allowedMethods("PUT", "GET", "HEAD")
					.allowedHeaders("*")
					.exposeHeaders("ETag")
					.maxAgeSeconds(3000)
					.build())));
			}
		}
		try (SqsClient sqs = sqsClient(services.sqsEndpoint())) {
			String deadLetterUrl = sqs.createQueue(queue -> queue.queueName(names.activationDeadLetterQueue())).queueUrl();
			String deadLetterArn = sqs
				.getQueueAttributes(attributes -> attributes.queueUrl(deadLetterUrl)
					.attributeNames(QueueAttributeName.QUEUE_ARN))
				.attributes()
				.get(QueueAttributeName.QUEUE_ARN);
			sqs.createQueue(queue -> queue.queueName(names.activationQueue())
				.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS),
						QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVES
								+ "\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}")));
		}
	}

	/** An SQS client for tests that look into the queues. */
	public static SqsClient sqsClient(URI endpoint) {
		return SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(AwsServices.REGION))
			.credentialsProvider(credentials())
			.build();
	}

	/** An S3 client for tests that look into the bucket. */
	public static S3Client s3Client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.forcePathStyle(true)
			.region(Region.of(AwsServices.REGION))
			.credentialsProvider(credentials())
			.build();
	}

	private static StaticCredentialsProvider credentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsServices.ACCESS_KEY, AwsServices.SECRET_KEY));
	}

}
