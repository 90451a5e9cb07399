package io.cardstore.aws.upload;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.market.upload.ImageType;
import io.cardstore.market.upload.PresignedUpload;
import io.cardstore.market.upload.UploadRejectedException;
import io.cardstore.market.upload.UploadRejection;
import io.cardstore.market.upload.VerifiedImage;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import org.springframework.util.unit.DataSize;

/**
 * Card images go from the browser straight to S3: the application signs a short-lived PUT
 * for one object of an allowed type and exact size under the user's own upload prefix,
 * then claims the object before a card may use it: copies it to a key of the
 * application's own, checks the copy and deletes the upload. A card's image thus lives
 * where no user request can name it, so nothing a user does with their uploads can reach
 * a card's image, whoever owns the card now. The bucket stays private.
 */
public class S3CardImageUploads implements CardImageUploads {

	/** S3 caps a presigned URL at seven days; CardStore keeps uploads far shorter. */
	static final Duration MAX_EXPIRY = Duration.ofMinutes(5);

	private static final String NAME = "[0-9a-f-]{36}\\.(png|jpg|gif|webp)";

	private static final Pattern UPLOAD_KEY = Pattern.compile(Pattern.quote(UPLOAD_PREFIX) + "([^/]+)/" + NAME);

	private static final Pattern IMAGE_KEY = Pattern.compile(Pattern.quote(IMAGE_PREFIX) + NAME);

	private final S3Client s3;

	private final S3Presigner browserPresigner;

	private final S3Utilities browserUrls;

	private final Settings settings;

	/**
	 * @param browserPresigner signs for the S3 address browsers reach
	 * @param browserUrls the same address, configured alike, for
	 * {@link #browserOrigins()}
	 */
	public S3CardImageUploads(S3Client s3, S3Presigner browserPresigner, S3Utilities browserUrls, Settings settings) {
		this.s3 = s3;
		this.browserPresigner = browserPresigner;
		this.browserUrls = browserUrls;
		this.settings = settings;
	}

	@Override
	public long maxBytes() {
		return this.settings.maxSize().toBytes();
	}

	@Override
	public PresignedUpload presign(String owner, String contentType, long contentLength) {
		ImageType type = ImageType.ofContentType(contentType)
			.orElseThrow(() -> new UploadRejectedException(UploadRejection.UNSUPPORTED_TYPE));
		checkSize(contentLength);
		String key = UPLOAD_PREFIX + owner + "/" + UUID.randomUUID() + "." + type.extension();
		Duration expiry = this.settings.expiry().compareTo(MAX_EXPIRY) > 0 ? MAX_EXPIRY : this.settings.expiry();
		PresignedPutObjectRequest presigned = this.browserPresigner
			.presignPutObject(request -> request.signatureDuration(expiry)
				.putObjectRequest(put -> put.bucket(this.settings.bucket())
					.key(key)
					.contentType(type.contentType())
					.contentLength(contentLength)));
		return new PresignedUpload(key, presigned.url().toString(), Map.of("Content-Type", type.contentType()),
				presigned.expiration());
	}

	@Override
	public VerifiedImage claim(String owner, String uploadKey) {
		Matcher matcher = UPLOAD_KEY.matcher(uploadKey);
		if (!matcher.matches() || !matcher.group(1).equals(owner)) {
			throw new UploadRejectedException(UploadRejection.NOT_YOURS);
		}
		// A new name every time: two claims of one upload racing each other get a copy
		// each,
		// and a card that fails to save deletes its own copy only.
		String imageKey = IMAGE_PREFIX + UUID.randomUUID() + "." + matcher.group(2);
		try {
			this.s3.copyObject(copy -> copy.sourceBucket(this.settings.bucket())
				.sourceKey(uploadKey)
				.destinationBucket(this.settings.bucket())
				.destinationKey(imageKey));
		}
		catch (S3Exception ex) {
			throw missingOr(ex);
		}
		// The copy is what gets checked: the owner may PUT the upload again until the
		// signature
		// expires, but cannot change the copy.
		try {
			VerifiedImage image = check(imageKey);
			deleteObject(uploadKey);
			return image;
		}
		catch (RuntimeException ex) {
			deleteAfter(ex, imageKey);
			if (ex instanceof UploadRejectedException) {
				deleteAfter(ex, uploadKey);
			}
			throw ex;
		}
	}

	@Override
	public void deleteImage(String imageKey) {
		if (!IMAGE_KEY.matcher(imageKey).matches()) {
			throw new IllegalArgumentException("Not a claimed image: " + imageKey);
		}
		deleteObject(imageKey);
	}

	@Override
	public URI viewUrl(String key) {
		URI base = this.settings.publicBaseUrl();
		if (base != null) {
			String prefix = base.toString().endsWith("/") ? base.toString() : base + "/";
			return URI.create(prefix + key);
		}
		return URI.create(
				this.browserPresigner
					.presignGetObject(request -> request.signatureDuration(this.settings.viewExpiry())
						.getObjectRequest(get -> get.bucket(this.settings.bucket()).key(key)))
					.url()
					.toString());
	}

	@Override
	public Set<String> browserOrigins() {
		Set<String> origins = new LinkedHashSet<>();
		// An object's address, as the presigner would give it, but unsigned: no
		// credentials are
		// looked up (in AWS, a request to the task's or instance's credentials endpoint)
		// at startup.
		URI bucket = URI
			.create(this.browserUrls.getUrl(get -> get.bucket(this.settings.bucket()).key("cards/origin")).toString());
		origins.add(originOf(bucket));
		if (this.settings.publicBaseUrl() != null) {
			origins.add(originOf(this.settings.publicBaseUrl()));
		}
		return origins;
	}

	private VerifiedImage check(String key) {
		HeadObjectResponse head;
		try {
			head = this.s3.headObject(request -> request.bucket(this.settings.bucket()).key(key));
		}
		catch (S3Exception ex) {
			throw missingOr(ex);
		}
		checkSize(head.contentLength());
		ImageType type = ImageType.ofContentType(head.contentType())
			.orElseThrow(() -> new UploadRejectedException(UploadRejection.UNSUPPORTED_TYPE));
		ResponseBytes<GetObjectResponse> first = this.s3
			.getObjectAsBytes(request -> request.bucket(this.settings.bucket())
				.key(key)
				.range("bytes=0-" + (ImageType.SIGNATURE_LENGTH - 1)));
		if (!type.matches(first.asByteArray())) {
			throw new UploadRejectedException(UploadRejection.NOT_AN_IMAGE);
		}
		return new VerifiedImage(key, type, head.contentLength());
	}

	private static RuntimeException missingOr(S3Exception ex) {
		return (ex instanceof NoSuchKeyException || ex.statusCode() == 404)
				? new UploadRejectedException(UploadRejection.MISSING) : ex;
	}

	private void deleteObject(String key) {
		this.s3.deleteObject(request -> request.bucket(this.settings.bucket()).key(key));
	}

	private void deleteAfter(RuntimeException failure, String key) {
		try {
			deleteObject(key);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
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

	/**
	 * What uploads may be and how long their links last.
	 *
	 * @param bucket the private bucket card images are uploaded to
	 * @param maxSize the largest image accepted
	 * @param expiry how long a presigned upload stays valid (at most {@link #MAX_EXPIRY})
	 * @param publicBaseUrl where images are served from, or {@code null} to show them
	 * through presigned URLs
	 * @param viewExpiry how long a presigned URL showing an image stays valid
	 */
	public record Settings(String bucket, DataSize maxSize, Duration expiry, URI publicBaseUrl, Duration viewExpiry) {
	}

}
