package io.cardstore.testing.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3, SQS and DynamoDB endpoints for tests and local runs, from LocalStack or from native
 * emulators, with the bucket and queues CardStore uses already created.
 */
public interface AwsServices extends AutoCloseable {

	String REGION = "eu-west-1";

	String ACCESS_KEY = "test";

	String SECRET_KEY = "test";

	URI s3Endpoint();

	URI sqsEndpoint();

	URI dynamoDbEndpoint();

	AwsResourceNames resources();

	/**
	 * Whether the S3 server keeps a bucket's CORS and lifecycle configuration. LocalStack
	 * does; S3Proxy answers both with 501 NotImplemented and takes its CORS rule at
	 * startup.
	 */
	boolean s3KeepsBucketConfiguration();

	@Override
	void close();

	/**
	 * The Spring Cloud AWS and CardStore properties that point an application at these
	 * services.
	 */
	default Map<String, String> connectionProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.cloud.aws.region.static", REGION);
		properties.put("spring.cloud.aws.credentials.access-key", ACCESS_KEY);
		properties.put("spring.cloud.aws.credentials.secret-key", SECRET_KEY);
		properties.put("spring.cloud.aws.s3.endpoint", s3Endpoint().toString());
		properties.put("spring.cloud.aws.s3.path-style-access-enabled", "true");
		properties.put("spring.cloud.aws.sqs.endpoint", sqsEndpoint().toString());
		properties.put("spring.cloud.aws.dynamodb.endpoint", dynamoDbEndpoint().toString());
		properties.put("cardstore.aws.upload.bucket", resources().bucket());
		properties.put("cardstore.aws.upload.browser-endpoint", s3Endpoint().toString());
		properties.put("cardstore.aws.activation.queue", resources().activationQueue());
		properties.put("cardstore.aws.dynamodb.table-prefix", resources().tablePrefix());
		properties.put("cardstore.aws.dynamodb.create-tables", "true");
		return properties;
	}

}
