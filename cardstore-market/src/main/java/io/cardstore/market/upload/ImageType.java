package io.cardstore.market.upload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/** The image types a card may use, and the bytes every file of that type starts with. */
public enum ImageType {

	PNG("image/png", "png") {
		@Override
		public boolean matches(byte[] head) {
			return startsWith(head, 0, new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		}
	},

	JPEG("image/jpeg", "jpg") {
		@Override
		public boolean matches(byte[] head) {
			return startsWith(head, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF });
		}
	},

	GIF("image/gif", "gif") {
		@Override
		public boolean matches(byte[] head) {
			return startsWith(head, 0, ascii("GIF87a")) || startsWith(head, 0, ascii("GIF89a"));
		}
	},

	WEBP("image/webp", "webp") {
		@Override
		public boolean matches(byte[] head) {
			return startsWith(head, 0, ascii("RIFF")) && startsWith(head, 8, ascii("WEBP"));
		}
	};

	/** How many leading bytes {@link #matches(byte[])} needs. */
	public static final int SIGNATURE_LENGTH = 12;

	private final String contentType;

	private final String extension;

	ImageType(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	public String contentType() {
		return this.contentType;
	}

	public String extension() {
		return this.extension;
	}

	/** Whether a file's first bytes are those of this type. */
	public abstract boolean matches(byte[] head);

	public static Optional<ImageType> ofContentType(String contentType) {
		return Arrays.stream(values()).filter(type -> type.contentType.equalsIgnoreCase(contentType)).findFirst();
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		return bytes.length >= offset + prefix.length
				&& Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
