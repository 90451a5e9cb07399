package io.cardstore.testing.aws;

import java.net.URI;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what the infrastructure creates in AWS: the private bucket with the CORS rule
 * that lets browsers upload to it and the lifecycle rule that expires unclaimed uploads
 * (where the S3 server keeps them), and the activation queue with its dead-letter queue.
 */
public final class AwsResources {

	/** Receives before an activation request is moved to the dead-letter queue. */
	public static final int MAX_RECEIVES = 3;

	/**
	 * Short, so that a failed message comes back, and reaches the dead-letter queue,
	 * within seconds in tests and local runs. The queue of docker-compose.yml and of the
	 * AWS stack waits 30 s, longer than sending a mail through SES can take.
	 */
	public static final int VISIBILITY_TIMEOUT_SECONDS = 2;

	/**
	 * Where browsers upload card images; the lifecycle rule expires what no card claimed.
	 * The application's {@code CardImageUploads.UPLOAD_PREFIX}, which this module cannot
	 * see: {@code CardImageUploadsIT} compares the rule with it.
	 */
	private static final String UPLOAD_PREFIX = "cards/uploads/";

	/**
	 * The application's {@code CardImageUploads.UNCLAIMED_UPLOAD_DAYS}, compared
	 * likewise.
	 */
	private static final int UNCLAIMED_UPLOAD_DAYS = 1;

	/**
	 * The bucket's rule expiring unclaimed uploads, as in the LocalStack init script and
	 * the README's deployment steps.
	 */
	public static final LifecycleRule UPLOAD_EXPIRY_RULE = LifecycleRule.builder()
		.id("expire-unclaimed-uploads")
		.filter(filter -> filter.prefix(UPLOAD_PREFIX))
		.expiration(expiration -> expiration.days(UNCLAIMED_UPLOAD_DAYS))
		.status(ExpirationStatus.ENABLED)
		.build();

	/**
	 * What browsers may do with the bucket from the store's pages: upload with a
	 * presigned PUT and show images with a presigned GET. Put on the bucket where the
	 * server keeps CORS rules, given to S3Proxy as its startup configuration otherwise.
	 */
	static final CORSRule BROWSER_CORS_RULE = CORSRule.builder()
		.allowedOrigins("*")
		.allowedMethods("PUT", "GET", "HEAD")
		.allowedHeaders("*")
		.exposeHeaders("ETag")
		.maxAgeSeconds(3000)
		.build();

	private AwsResources() {
	}

	static void create(AwsServices services) {
		AwsResourceNames names = services.resources();
		try (S3Client s3 = s3Client(services.s3Endpoint())) {
			try {
				s3.createBucket(bucket -> bucket.bucket(names.bucket()));
			}
			catch (BucketAlreadyOwnedByYouException ex) {
				// Created by an earlier attempt of the same request.
			}
			// S3Proxy implements neither API: its CORS rule is set when it starts, and
			// its
			// bucket has no lifecycle rule. LocalStack keeps the rule but expires nothing
			// either, so no test can see an upload expire; tests compare the rule with
			// the
			// application's constants, and read it back where the server keeps it.
			if (services.s3KeepsBucketConfiguration()) {
				s3.putBucketCors(cors -> cors.bucket(names.bucket())
					.corsConfiguration(configuration -> configuration.corsRules(BROWSER_CORS_RULE)));
				s3.putBucketLifecycleConfiguration(lifecycle -> lifecycle.bucket(names.bucket())
					.lifecycleConfiguration(configuration -> configuration.rules(UPLOAD_EXPIRY_RULE)));
			}
		}
		try (SqsClient sqs = sqsClient(services.sqsEndpoint())) {
			String deadLetterUrl = sqs.createQueue(queue -> queue.queueName(names.activationDeadLetterQueue()))
				.queueUrl();
			String deadLetterArn = sqs
				.getQueueAttributes(
						attributes -> attributes.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
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

	/**
	 * A DynamoDB client, for a local run that creates the application's tables before its
	 * replicas start.
	 */
	public static DynamoDbClient dynamoDbClient(URI endpoint) {
		return DynamoDbClient.builder()
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
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(AwsServices.ACCESS_KEY, AwsServices.SECRET_KEY));
	}

}
