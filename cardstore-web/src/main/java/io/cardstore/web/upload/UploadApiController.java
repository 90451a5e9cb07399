package io.cardstore.web.upload;

import java.security.Principal;

import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.market.upload.PresignedUpload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signs a direct upload of a card image to S3, for the browser to send. */
@RestController
class UploadApiController {

	private final CardImageUploads uploads;

	UploadApiController(CardImageUploads uploads) {
		this.uploads = uploads;
	}

	@PostMapping("/api/uploads")
	@ResponseStatus(HttpStatus.CREATED)
	PresignedUpload presign(@Valid @RequestBody UploadRequest request, Principal user) {
		return this.uploads.presign(user.getName(), request.contentType(), request.size());
	}

	/**
	 * The image the browser is about to upload.
	 *
	 * @param contentType its type, such as {@code image/png}
	 * @param size its size in bytes
	 */
	record UploadRequest(@NotBlank(message = "Give the image's type.") String contentType,
			@Positive(message = "Give the image's size in bytes.") long size) {
	}

}
