package io.cardstore.testing.aws;

import java.util.Base64;
import java.util.List;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a test sees in a bucket, looked at directly rather than through the application.
 *
 * @param s3 a client of the server the bucket is on
 * @param bucket the bucket
 */
public record BucketObjects(S3Client s3, String bucket) {

	/** A real 1x1 PNG, the image tests upload. */
	public static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	public boolean exists(String key) {
		try {
			this.s3.headObject(head -> head.bucket(this.bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
	}

	/** The keys of every object under a prefix. */
	public List<String> keysUnder(String prefix) {
		return this.s3.listObjectsV2Paginator(list -> list.bucket(this.bucket).prefix(prefix))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

}
