package io.cardstore.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.aws.upload.S3CardImageUploads;
import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.market.upload.PresignedUpload;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * What a presigned request allows is enforced by S3, not by the application: the URLs it
 * signs work as signed and for nothing else. Every refusal here is the S3 server's
 * (S3Proxy in the native provider, LocalStack with signature checks in the container
 * provider), and leaves nothing in the bucket.
 */
@SpringBootTest(classes = AwsTestApplication.class, properties = "cardstore.aws.upload.max-size=64KB")
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class PresignedRequestsIT {

	static final byte[] PNG = CardImageUploadsIT.PNG;

	static final HttpClient http = HttpClient.newHttpClient();

	static final S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint());

	static final String BUCKET = AwsEmulators.shared().resources().bucket();

	/** The signature duration of the URLs that are left to expire. */
	static final Duration SHORT_EXPIRY = Duration.ofSeconds(1);

	private static final Pattern SIGNATURE = Pattern.compile("([?&]X-Amz-Signature=)([0-9a-f]+)");

	@Autowired
	CardImageUploads uploads;

	@Autowired
	S3Client applicationS3;

	/** The application's presigner: in tests, its endpoint is also the browsers'. */
	@Autowired
	S3Presigner presigner;

	@AfterAll
	static void closeClient() {
		s3.close();
	}

	@Test
	void aPresignedPutStoresTheObjectAsSigned() throws Exception {
		PresignedUpload upload = this.uploads.presign(newOwner(), "image/png", PNG.length);
		assertThat(upload.headers()).containsExactly(entry("Content-Type", "image/png"));

		HttpResponse<String> response = put(upload.url(), upload.headers().get("Content-Type"), PNG);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(upload.key()));
		assertThat(stored.asByteArray()).isEqualTo(PNG);
		assertThat(stored.response().contentType()).isEqualTo("image/png");
		assertThat(stored.response().contentLength()).isEqualTo(PNG.length);
	}

	@Test
	void aPutWithAChangedSignatureIsRefused() throws Exception {
		PresignedUpload upload = this.uploads.presign(newOwner(), "image/png", PNG.length);

		HttpResponse<String> response = put(withChangedSignature(upload.url()), "image/png", PNG);

		assertRefused(response, "SignatureDoesNotMatch");
		assertNothingAt(upload.key());
	}

	@Test
	void aPutOfAnotherContentTypeThanSignedIsRefused() throws Exception {
		PresignedUpload upload = this.uploads.presign(newOwner(), "image/png", PNG.length);

		HttpResponse<String> response = put(upload.url(), "image/gif", PNG);

		assertRefused(response, "SignatureDoesNotMatch");
		assertNothingAt(upload.key());
	}

	@Test
	void aPutOfAnotherLengthThanSignedIsRefused() throws Exception {
		PresignedUpload upload = this.uploads.presign(newOwner(), "image/png", PNG.length);
		// HttpClient sends the body's own length as Content-Length, which the URL did not
		// sign.
		byte[] longer = Arrays.copyOf(PNG, PNG.length + 1);
		byte[] shorter = Arrays.copyOf(PNG, PNG.length - 1);

		assertRefused(put(upload.url(), "image/png", longer), "SignatureDoesNotMatch");
		assertRefused(put(upload.url(), "image/png", shorter), "SignatureDoesNotMatch");
		assertNothingAt(upload.key());
	}

	@Test
	void aPutToAnotherKeyThanSignedIsRefused() throws Exception {
		String owner = newOwner();
		PresignedUpload upload = this.uploads.presign(owner, "image/png", PNG.length);
		String otherKey = CardImageUploads.UPLOAD_PREFIX + owner + "/" + UUID.randomUUID() + ".png";
		String otherUrl = upload.url().replace(upload.key(), otherKey);
		assertThat(otherUrl).isNotEqualTo(upload.url());

		HttpResponse<String> response = put(otherUrl, "image/png", PNG);

		assertRefused(response, "SignatureDoesNotMatch");
		assertNothingAt(otherKey);
		assertNothingAt(upload.key());
	}

	@Test
	void anExpiredPutIsRefused() throws Exception {
		PresignedUpload upload = shortLived().presign(newOwner(), "image/png", PNG.length);
		assertThat(upload.expiresAt()).isBefore(Instant.now().plus(SHORT_EXPIRY).plusSeconds(1));
		waitUntilExpired(upload.expiresAt());

		HttpResponse<String> response = put(upload.url(), "image/png", PNG);

		assertRefused(response, "AccessDenied");
		assertNothingAt(upload.key());
	}

	@Test
	void anUnsignedPutIsRefused() throws Exception {
		PresignedUpload upload = this.uploads.presign(newOwner(), "image/png", PNG.length);
		String unsigned = upload.url().substring(0, upload.url().indexOf('?'));

		HttpResponse<String> response = put(unsigned, "image/png", PNG);

		assertRefused(response, "AccessDenied");
		assertNothingAt(upload.key());
	}

	@Test
	void aPresignedGetReadsTheObjectAsSigned() throws Exception {
		String key = storedImage();

		HttpResponse<byte[]> response = get(this.uploads.viewUrl(key));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(PNG);
	}

	@Test
	void aGetWithAChangedSignatureIsRefused() throws Exception {
		String key = storedImage();

		HttpResponse<byte[]> response = get(URI.create(withChangedSignature(this.uploads.viewUrl(key).toString())));

		assertRefused(response.statusCode(), new String(response.body()), "SignatureDoesNotMatch");
	}

	@Test
	void anExpiredGetIsRefused() throws Exception {
		String key = storedImage();
		URI url = shortLived().viewUrl(key);
		// Signed before now, so expired by then at the latest.
		waitUntilExpired(Instant.now().plus(SHORT_EXPIRY));

		HttpResponse<byte[]> response = get(url);

		assertRefused(response.statusCode(), new String(response.body()), "AccessDenied");
	}

	/** The application's uploads, with URLs valid for {@link #SHORT_EXPIRY}. */
	private CardImageUploads shortLived() {
		return new S3CardImageUploads(this.applicationS3, this.presigner, this.applicationS3.utilities(),
				new S3CardImageUploads.Settings(BUCKET, DataSize.ofKilobytes(64), SHORT_EXPIRY, null, SHORT_EXPIRY));
	}

	/**
	 * Sleeps until a URL whose signature runs out at {@code expiry} has expired on any
	 * server: S3 counts whole seconds from the signing time, which the URL gives to the
	 * second.
	 */
	private static void waitUntilExpired(Instant expiry) throws InterruptedException {
		Duration wait = Duration.between(Instant.now(), expiry.plusSeconds(1));
		assertThat(wait).isLessThanOrEqualTo(SHORT_EXPIRY.plusSeconds(1));
		if (!wait.isNegative()) {
			Thread.sleep(wait.toMillis());
		}
	}

	private static String storedImage() {
		String key = CardImageUploads.IMAGE_PREFIX + UUID.randomUUID() + ".png";
		s3.putObject(put -> put.bucket(BUCKET).key(key).contentType("image/png"), RequestBody.fromBytes(PNG));
		return key;
	}

	/** The URL with the last character of its signature changed. */
	private static String withChangedSignature(String url) {
		Matcher matcher = SIGNATURE.matcher(url);
		assertThat(matcher.find()).as("a signature in " + url).isTrue();
		String signature = matcher.group(2);
		char last = signature.charAt(signature.length() - 1);
		String changed = signature.substring(0, signature.length() - 1) + ((last == '0') ? '1' : '0');
		return url.substring(0, matcher.start(2)) + changed + url.substring(matcher.end(2));
	}

	private static HttpResponse<String> put(String url, String contentType, byte[] body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		// A client per PUT, so a connection per PUT: S3 may refuse a PUT before
		// reading its body and then close the connection, which a shared client
		// could hand to the next request before it sees the close.
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<byte[]> get(URI url) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static void assertRefused(HttpResponse<String> response, String errorCode) {
		assertRefused(response.statusCode(), response.body(), errorCode);
	}

	/** A 403 whose S3 error document names the reason. */
	private static void assertRefused(int status, String body, String errorCode) {
		assertThat(status).as(body).isEqualTo(403);
		assertThat(body).contains("<Code>" + errorCode + "</Code>");
	}

	private static void assertNothingAt(String key) {
		assertThatExceptionOfType(NoSuchKeyException.class).as("an object at " + key)
			.isThrownBy(() -> s3.headObject(head -> head.bucket(BUCKET).key(key)));
	}

	private static String newOwner() {
		return "owner-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
