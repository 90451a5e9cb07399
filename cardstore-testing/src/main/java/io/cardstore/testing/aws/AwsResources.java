package io.cardstore.testing.aws;

import java.net.URI;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the infrastructure creates in AWS: the private bucket with the CORS rule that
 * lets browsers upload to it and the lifecycle rule that expires unclaimed uploads, and the
 * activation queue with its dead-letter queue.
 */
public final class AwsResources {

	/** Receives before an activation request is moved to the dead-letter queue. */
	public static final int MAX_RECEIVES = 3;

	/** Short, so that a failed message comes back quickly in tests and local runs. */
	public static final int VISIBILITY_TIMEOUT_SECONDS = 2;

	/**
	 * Where browsers upload card images; the lifecycle rule expires what no card claimed. The
	 * application's {@code CardImageUploads.UPLOAD_PREFIX}, which this module cannot see:
	 * {@code CardImageUploadsIT} reads the rule back from the bucket and compares.
	 */
	private static final String UPLOAD_PREFIX = "cards/uploads/";

	/** The application's {@code CardImageUploads.UNCLAIMED_UPLOAD_DAYS}, compared likewise. */
	private static final int UNCLAIMED_UPLOAD_DAYS = 1;

	/** The lifecycle rule's id, as in the LocalStack init script and the README. */
	private static final String UPLOAD_EXPIRY_RULE = "expire-unclaimed-uploads";

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
			// S3Mock and LocalStack keep the rule and answer for it but expire nothing: what
			// tests check is that the bucket carries the rule AWS applies.
			s3.putBucketLifecycleConfiguration(lifecycle -> lifecycle.bucket(names.bucket())
				.lifecycleConfiguration(configuration -> configuration.rules(LifecycleRule.builder()
					.id(UPLOAD_EXPIRY_RULE)
					.filter(filter -> filter.prefix(UPLOAD_PREFIX))
					.expiration(expiration -> expiration.days(UNCLAIMED_UPLOAD_DAYS))
					.status(ExpirationStatus.ENABLED)
					.build())));
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
