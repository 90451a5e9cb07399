package io.cardstore.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.aws.upload.CardImageUploads;
import io.cardstore.aws.upload.ImageType;
import io.cardstore.aws.upload.PresignedUpload;
import io.cardstore.aws.upload.UploadRejectedException;
import io.cardstore.aws.upload.UploadRejection;
import io.cardstore.aws.upload.VerifiedImage;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Images go from the "browser" straight to S3 with a presigned PUT, and are checked before use. */
@SpringBootTest(classes = AwsTestApplication.class, properties = "cardstore.aws.upload.max-size=64KB")
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class CardImageUploadsIT {

	/** A real 1x1 PNG. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	static final HttpClient http = HttpClient.newHttpClient();

	static final S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint());

	@Autowired
	CardImageUploads uploads;

	@AfterAll
	static void closeClient() {
		s3.close();
	}

	@Test
	void aPngUploadedWithThePresignedRequestPassesVerification() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);

		assertThat(upload.key()).matches("cards/" + owner + "/[0-9a-f-]{36}\\.png");
		assertThat(put(upload, PNG)).isEqualTo(200);

		VerifiedImage image = this.uploads.verify(owner, upload.key());
		assertThat(image.type()).isEqualTo(ImageType.PNG);
		assertThat(image.size()).isEqualTo(PNG.length);
		HttpResponse<byte[]> shown = http.send(HttpRequest.newBuilder(this.uploads.viewUrl(upload.key())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(shown.body()).isEqualTo(PNG);
	}

	@Test
	void textLabelledAsPngIsRejectedAndDeleted() throws Exception {
		String owner = newOwner();
		byte[] text = "<script>alert('not an image')</script>".getBytes(StandardCharsets.UTF_8);
		PresignedUpload upload = this.uploads.presign(owner, "image/png", text.length);
		assertThat(put(upload, text)).isEqualTo(200);

		assertRejected(() -> this.uploads.verify(owner, upload.key()), UploadRejection.NOT_AN_IMAGE);

		assertGone(upload.key());
	}

	@Test
	void anOversizedObjectIsRejectedAndDeleted() {
		String owner = newOwner();
		String key = "cards/" + owner + "/" + UUID.randomUUID() + ".png";
		byte[] large = new byte[65 * 1024];
		System.arraycopy(PNG, 0, large, 0, PNG.length);
		store(key, "image/png", large);

		assertRejected(() -> this.uploads.verify(owner, key), UploadRejection.TOO_LARGE);

		assertGone(key);
	}

	@Test
	void anObjectOfAWrongTypeIsRejectedAndDeleted() {
		String owner = newOwner();
		String key = "cards/" + owner + "/" + UUID.randomUUID() + ".png";
		store(key, "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));

		assertRejected(() -> this.uploads.verify(owner, key), UploadRejection.UNSUPPORTED_TYPE);

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

		assertRejected(() -> this.uploads.verify("intruder", upload.key()), UploadRejection.NOT_YOURS);

		assertThat(this.uploads.verify(owner, upload.key()).key()).isEqualTo(upload.key());
	}

	@Test
	void aKeyThatWasNeverUploadedIsMissing() {
		String owner = newOwner();

		assertRejected(() -> this.uploads.verify(owner, "cards/" + owner + "/" + UUID.randomUUID() + ".png"),
				UploadRejection.MISSING);
	}

	private static int put(PresignedUpload upload, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.url()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		upload.headers().forEach(request::header);
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private static void store(String key, String contentType, byte[] bytes) {
		s3.putObject(put -> put.bucket(AwsEmulators.shared().resources().bucket()).key(key).contentType(contentType),
				RequestBody.fromBytes(bytes));
	}

	private static void assertGone(String key) {
		assertThatExceptionOfType(NoSuchKeyException.class).as("the rejected object is deleted")
			.isThrownBy(() -> s3.headObject(head -> head.bucket(AwsEmulators.shared().resources().bucket()).key(key)));
	}

	private static void assertRejected(Runnable action, UploadRejection reason) {
		assertThatExceptionOfType(UploadRejectedException.class).isThrownBy(action::run)
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static String newOwner() {
		return "owner-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
