package io.cardstore.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.market.upload.ImageType;
import io.cardstore.market.upload.PresignedUpload;
import io.cardstore.market.upload.UploadRejectedException;
import io.cardstore.market.upload.UploadRejection;
import io.cardstore.market.upload.VerifiedImage;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.BucketObjects;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Images go from the "browser" straight to S3 with a presigned PUT, and are claimed,
 * checked and moved out of the user's reach before a card uses them.
 */
@SpringBootTest(classes = AwsTestApplication.class, properties = "cardstore.aws.upload.max-size=64KB")
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class CardImageUploadsIT {

	static final byte[] PNG = BucketObjects.PNG;

	static final HttpClient http = HttpClient.newHttpClient();

	static final S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint());

	static final String BUCKET = AwsEmulators.shared().resources().bucket();

	static final BucketObjects objects = new BucketObjects(s3, BUCKET);

	@Autowired
	CardImageUploads uploads;

	@AfterAll
	static void closeClient() {
		s3.close();
	}

	@Test
	void aPngUploadedWithThePresignedRequestIsClaimedUnderAKeyOfTheApplicationsOwn() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);

		assertThat(upload.key()).matches("cards/uploads/" + owner + "/[0-9a-f-]{36}\\.png");
		assertThat(put(upload, PNG)).isEqualTo(200);

		VerifiedImage image = this.uploads.claim(owner, upload.key());
		assertThat(image.key()).matches("cards/images/[0-9a-f-]{36}\\.png");
		assertThat(image.type()).isEqualTo(ImageType.PNG);
		assertThat(image.size()).isEqualTo(PNG.length);
		ResponseBytes<GetObjectResponse> copy = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(image.key()));
		assertThat(copy.asByteArray()).isEqualTo(PNG);
		assertThat(copy.response().contentType()).isEqualTo("image/png");
		assertGone(upload.key());
		HttpResponse<byte[]> shown = http.send(HttpRequest.newBuilder(this.uploads.viewUrl(image.key())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(shown.statusCode()).isEqualTo(200);
		assertThat(shown.body()).isEqualTo(PNG);
	}

	@Test
	void anUploadIsClaimedOnce() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);
		put(upload, PNG);
		VerifiedImage image = this.uploads.claim(owner, upload.key());

		assertRejected(() -> this.uploads.claim(owner, upload.key()), UploadRejection.MISSING);

		assertThat(exists(image.key())).as("the first claim's image").isTrue();
	}

	@Test
	void textLabelledAsPngIsRejectedAndDeletedWithItsCopy() throws Exception {
		String owner = newOwner();
		byte[] text = "<script>alert('not an image')</script>".getBytes(StandardCharsets.UTF_8);
		PresignedUpload upload = this.uploads.presign(owner, "image/png", text.length);
		assertThat(put(upload, text)).isEqualTo(200);
		List<String> images = imageKeys();

		assertRejected(() -> this.uploads.claim(owner, upload.key()), UploadRejection.NOT_AN_IMAGE);

		assertGone(upload.key());
		assertThat(imageKeys()).as("no copy is left").isEqualTo(images);
	}

	@Test
	void anOversizedObjectIsRejectedAndDeleted() {
		String owner = newOwner();
		String key = uploadKey(owner);
		byte[] large = new byte[65 * 1024];
		System.arraycopy(PNG, 0, large, 0, PNG.length);
		store(key, "image/png", large);
		List<String> images = imageKeys();

		assertRejected(() -> this.uploads.claim(owner, key), UploadRejection.TOO_LARGE);

		assertGone(key);
		assertThat(imageKeys()).as("no copy is left").isEqualTo(images);
	}

	@Test
	void anObjectOfAWrongTypeIsRejectedAndDeleted() {
		String owner = newOwner();
		String key = uploadKey(owner);
		store(key, "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));

		assertRejected(() -> this.uploads.claim(owner, key), UploadRejection.UNSUPPORTED_TYPE);

		assertGone(key);
	}

	@Test
	void presigningRefusesADisallowedTypeOrSizeUpFront() {
		String owner = newOwner();

		assertRejected(() -> this.uploads.presign(owner, "image/svg+xml", 100), UploadRejection.UNSUPPORTED_TYPE);
		assertRejected(() -> this.uploads.presign(owner, "image/png", 64 * 1024 + 1), UploadRejection.TOO_LARGE);
		assertRejected(() -> this.uploads.presign(owner, "image/png", 0), UploadRejection.EMPTY);
	}

	@Test
	void anotherUsersUploadCannotBeClaimedNorDeleted() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);
		put(upload, PNG);

		assertRejected(() -> this.uploads.claim("intruder", upload.key()), UploadRejection.NOT_YOURS);

		assertThat(exists(upload.key())).isTrue();
		assertThat(this.uploads.claim(owner, upload.key()).key()).startsWith(CardImageUploads.IMAGE_PREFIX);
	}

	@Test
	void onlyKeysUnderTheCallersUploadPrefixAreAccepted() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);
		put(upload, PNG);
		String image = this.uploads.claim(owner, upload.key()).key();
		String outside = "cards/" + owner + "/" + UUID.randomUUID() + ".png";
		store(outside, "image/png", PNG);

		for (String key : new String[] { image, outside, "cards/uploads/" + owner + "/../" + owner + "/x.png",
				"cards/uploads/" + owner + "/" + UUID.randomUUID() + ".svg" }) {
			assertRejected(() -> this.uploads.claim(owner, key), UploadRejection.NOT_YOURS);
		}

		assertThat(exists(image)).as("a claimed image").isTrue();
		assertThat(exists(outside)).as("an object outside the upload prefix").isTrue();
	}

	@Test
	void onlyAClaimedImageIsEverDeletedOnAUsersBehalf() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);
		put(upload, PNG);

		assertThatIllegalArgumentException().isThrownBy(() -> this.uploads.deleteImage(upload.key()));
		assertThat(exists(upload.key())).isTrue();

		String image = this.uploads.claim(owner, upload.key()).key();
		this.uploads.deleteImage(image);
		assertGone(image);
	}

	@Test
	void aKeyThatWasNeverUploadedIsMissing() {
		String owner = newOwner();

		assertRejected(() -> this.uploads.claim(owner, uploadKey(owner)), UploadRejection.MISSING);
	}

	@Test
	void theBucketExpiresUnclaimedUploadsAndNothingElse() {
		assertExpiresUnclaimedUploadsAndNothingElse(AwsResources.UPLOAD_EXPIRY_RULE);
		if (AwsEmulators.shared().s3KeepsBucketConfiguration()) {
			List<LifecycleRule> rules = s3.getBucketLifecycleConfiguration(lifecycle -> lifecycle.bucket(BUCKET))
				.rules();
			assertThat(rules).singleElement()
				.satisfies(CardImageUploadsIT::assertExpiresUnclaimedUploadsAndNothingElse);
		}
		else {
			// S3Proxy: the rule could not have been put, and the server says so.
			assertThatExceptionOfType(S3Exception.class)
				.isThrownBy(() -> s3.getBucketLifecycleConfiguration(lifecycle -> lifecycle.bucket(BUCKET)))
				.satisfies(ex -> {
					assertThat(ex.statusCode()).isEqualTo(501);
					assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
				});
		}
	}

	private static void assertExpiresUnclaimedUploadsAndNothingElse(LifecycleRule rule) {
		assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
		assertThat(rule.filter().prefix()).isEqualTo(CardImageUploads.UPLOAD_PREFIX);
		assertThat(rule.expiration().days()).isEqualTo(CardImageUploads.UNCLAIMED_UPLOAD_DAYS);
		assertThat(CardImageUploads.IMAGE_PREFIX).doesNotStartWith(CardImageUploads.UPLOAD_PREFIX);
	}

	private static int put(PresignedUpload upload, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.url()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		upload.headers().forEach(request::header);
		// A client per PUT, as in PresignedRequestsIT: a refused PUT may leave its
		// connection closing.
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private static void store(String key, String contentType, byte[] bytes) {
		s3.putObject(put -> put.bucket(BUCKET).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
	}

	private static void assertGone(String key) {
		assertThat(exists(key)).as(key + " is deleted").isFalse();
	}

	private static boolean exists(String key) {
		return objects.exists(key);
	}

	private static List<String> imageKeys() {
		return objects.keysUnder(CardImageUploads.IMAGE_PREFIX);
	}

	private static String uploadKey(String owner) {
		return CardImageUploads.UPLOAD_PREFIX + owner + "/" + UUID.randomUUID() + ".png";
	}

	private static void assertRejected(Runnable action, UploadRejection reason) {
		assertThatExceptionOfType(UploadRejectedException.class).isThrownBy(action::run)
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static String newOwner() {
		return "owner-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
