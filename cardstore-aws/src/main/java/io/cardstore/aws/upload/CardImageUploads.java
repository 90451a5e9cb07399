package io.cardstore.aws.upload;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.aws.CardStoreAwsProperties;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Card images go from the browser straight to S3: the application signs a short-lived PUT
 * for one object of an allowed type and exact size under the user's own prefix, then checks
 * the object before a card may use it. The bucket stays private.
 */
public class CardImageUploads {

	/** S3 caps a presigned URL at seven days; CardStore keeps uploads far shorter. */
	static final Duration MAX_EXPIRY = Duration.ofMinutes(5);

	private static final Pattern KEY = Pattern.compile("cards/([^/]+)/[0-9a-f-]{36}\\.(png|jpg|gif|webp)");

	private final S3Client s3;

	private final S3Presigner browserPresigner;

	private final CardStoreAwsProperties.Upload settings;

	public CardImageUploads(S3Client s3, S3Presigner browserPresigner, CardStoreAwsProperties.Upload settings) {
		this.s3 = s3;
		this.browserPresigner = browserPresigner;
		this.settings = settings;
	}

	/**
	 * Signs an upload of one image.
	 * @throws UploadRejectedException for a type or size that is not allowed
	 */
	public PresignedUpload presign(String owner, String contentType, long contentLength) {
		ImageType type = ImageType.ofContentType(contentType)
			.orElseThrow(() -> new UploadRejectedException(UploadRejection.UNSUPPORTED_TYPE));
		checkSize(contentLength);
		String key = "cards/" + owner + "/" + UUID.randomUUID() + "." + type.extension();
		Duration expiry = this.settings.expiry().compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : this.settings.expiry();
		PresignedPutObjectRequest presigned = this.browserPresigner.presignPutObject(request -> request
			.signatureDuration(expiry)
			.putObjectRequest(put -> put.bucket(this.settings.bucket())
				.key(key)
				.contentType(type.contentType())
				.contentLength(contentLength)));
		return new PresignedUpload(key, presigned.url().toString(), Map.of("Content-Type", type.contentType()),
				presigned.expiration());
	}

	/**
	 * Checks an uploaded object before a card uses it: it exists, sits under the owner's
	 * prefix, has an allowed size and type, and starts with that type's bytes. An object that
	 * fails is deleted.
	 * @throws UploadRejectedException with the reason
	 */
	public VerifiedImage verify(String owner, String key) {
		Matcher matcher = KEY.matcher(key);
		if (!matcher.matches() || !matcher.group(1).equals(owner)) {
			throw new UploadRejectedException(UploadRejection.NOT_YOURS);
		}
		HeadObjectResponse head;
		try {
			head = this.s3.headObject(request -> request.bucket(this.settings.bucket()).key(key));
		}
		catch (NoSuchKeyException ex) {
			throw new UploadRejectedException(UploadRejection.MISSING);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				throw new UploadRejectedException(UploadRejection.MISSING);
			}
			throw ex;
		}
		try {
			checkSize(head.contentLength());
			ImageType type = ImageType.ofContentType(head.contentType())
				.orElseThrow(() -> new UploadRejectedException(UploadRejection.UNSUPPORTED_TYPE));
			ResponseBytes<GetObjectResponse> first = this.s3.getObjectAsBytes(request -> request
				.bucket(this.settings.bucket())
				.key(key)
				.range("bytes=0-" + (ImageType.SIGNATURE_LENGTH - 1)));
			if (!type.matches(first.asByteArray())) {
				throw new UploadRejectedException(UploadRejection.NOT_AN_IMAGE);
			}
			return new VerifiedImage(key, type, head.contentLength());
		}
		catch (UploadRejectedException ex) {
			delete(key);
			throw ex;
		}
	}

	/** Deletes an image, such as that of a card that was not saved. */
	public void delete(String key) {
		this.s3.deleteObject(request -> request.bucket(this.settings.bucket()).key(key));
	}

	/** Where a browser can show the image: the public base URL, or a short-lived presigned GET. */
	public URI viewUrl(String key) {
		URI base = this.settings.publicBaseUrl();
		if (base != null) {
			String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
			return URI.create(prefix + key);
		}
		return URI.create(this.browserPresigner
			.presignGetObject(request -> request.signatureDuration(this.settings.viewExpiry())
				.getObjectRequest(get -> get.bucket(this.settings.bucket()).key(key)))
			.url()
			.toString());
	}

	/**
	 * The origins a browser reaches for card images: where it uploads (the bucket's presigned
	 * address) and where it shows them from (the same, or the public base URL). A
	 * Content-Security-Policy allows these and no others.
	 */
	public Set<String> browserOrigins() {
		Set<String> origins = new LinkedHashSet<>();
		// Presigning is computed locally: no request leaves the application.
		URI bucket = URI.create(this.browserPresigner
			.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(1))
				.getObjectRequest(get -> get.bucket(this.settings.bucket()).key("cards/origin")))
			.url()
			.toString());
		origins.add(originOf(bucket));
		if (this.settings.publicBaseUrl() != null) {
			origins.add(originOf(this.settings.publicBaseUrl()));
		}
		return origins;
	}

	private static String originOf(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	private void checkSize(long size) {
		if (size <= 0) {
			throw new UploadRejectedException(UploadRejection.EMPTY);
		}
		if (size > this.settings.maxSize().toBytes()) {
			throw new UploadRejectedException(UploadRejection.TOO_LARGE);
		}
	}

}
