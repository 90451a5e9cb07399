package io.cardstore.testing.aws;

/**
 * The names of the AWS resources CardStore uses.
 *
 * @param bucket the bucket card images are uploaded to
 * @param activationQueue the queue of activation requests
 * @param activationDeadLetterQueue where activation requests that keep failing end up
 * @param tablePrefix the prefix of the DynamoDB table names
 */
public record AwsResourceNames(String bucket, String activationQueue, String activationDeadLetterQueue,
		String tablePrefix) {

	public static AwsResourceNames defaults() {
		return new AwsResourceNames("cardstore-cards", "cardstore-activation", "cardstore-activation-dlq",
				"cardstore-");
	}

}
