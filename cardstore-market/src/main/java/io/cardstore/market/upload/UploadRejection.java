package io.cardstore.market.upload;

/** Why an upload was refused. */
public enum UploadRejection {

	UNSUPPORTED_TYPE("Only PNG, JPEG, WebP and GIF images are accepted."),

	TOO_LARGE("The image is larger than allowed."),

	EMPTY("The image is empty."),

	MISSING("No uploaded image was found; upload it again."),

	NOT_YOURS("This upload does not belong to you."),

	NOT_AN_IMAGE("The file's content is not the image type it claims to be.");

	private final String message;

	UploadRejection(String message) {
		this.message = message;
	}

	public String message() {
		return this.message;
	}

}
