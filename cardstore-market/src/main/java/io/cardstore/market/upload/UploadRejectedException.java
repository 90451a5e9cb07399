package io.cardstore.market.upload;

/**
 * An upload that was refused, and why; an uploaded object that failed is already deleted.
 */
public class UploadRejectedException extends RuntimeException {

	private final UploadRejection reason;

	public UploadRejectedException(UploadRejection reason) {
		super(reason.message());
		this.reason = reason;
	}

	public UploadRejection reason() {
		return this.reason;
	}

}
