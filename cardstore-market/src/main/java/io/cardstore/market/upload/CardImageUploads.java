package io.cardstore.market.upload;

import java.net.URI;
import java.util.Set;

/**
 * Card images go from the browser straight to the store's bucket: the store signs an
 * upload of one image of an allowed type and exact size under the user's own upload
 * prefix, then claims the object before a card may use it, moving it where no user
 * request can name it.
 */
public interface CardImageUploads {

	/**
	 * Where browsers upload, as {@code cards/uploads/<owner>/<uuid>.<ext>}. Whatever no
	 * card claims is removed by a bucket lifecycle rule after
	 * {@link #UNCLAIMED_UPLOAD_DAYS}.
	 */
	String UPLOAD_PREFIX = "cards/uploads/";

	/**
	 * Where claimed images live, as {@code cards/images/<uuid>.<ext>}: written and
	 * deleted by the store alone.
	 */
	String IMAGE_PREFIX = "cards/images/";

	/**
	 * The age at which the bucket's lifecycle rule expires uploads under
	 * {@link #UPLOAD_PREFIX}. The rule belongs to the bucket, written by whatever creates
	 * it (LocalStack's init script, the test set-up, the deployment steps); tests check
	 * that each names this prefix and age.
	 */
	int UNCLAIMED_UPLOAD_DAYS = 1;

	/** The largest image accepted, in bytes, as configured. */
	long maxBytes();

	/**
	 * Signs an upload of one image.
	 * @throws UploadRejectedException for a type or size that is not allowed
	 */
	PresignedUpload presign(String owner, String contentType, long contentLength);

	/**
	 * Takes an uploaded object for a card: only a key under the owner's own upload prefix
	 * is accepted. The object is copied to a new key under {@link #IMAGE_PREFIX}, the
	 * copy must have an allowed size and type and start with that type's bytes, then the
	 * upload is deleted, so a key is claimed once. An object that fails is deleted, with
	 * its copy.
	 * @return the checked image, under its new key
	 * @throws UploadRejectedException with the reason
	 */
	VerifiedImage claim(String owner, String uploadKey);

	/**
	 * Deletes a claimed image, such as that of a card that was not saved.
	 * @throws IllegalArgumentException for any key but a claimed image's: what a user can
	 * name is never deleted on their behalf
	 */
	void deleteImage(String imageKey);

	/**
	 * Where a browser can show the image: the public base URL, or a short-lived presigned
	 * GET.
	 */
	URI viewUrl(String key);

	/**
	 * The origins a browser reaches for card images: where it uploads (the bucket's
	 * presigned address) and where it shows them from (the same, or the public base URL).
	 * A Content-Security-Policy allows these and no others.
	 */
	Set<String> browserOrigins();

}
