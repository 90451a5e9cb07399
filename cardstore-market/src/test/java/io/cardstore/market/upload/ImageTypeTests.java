package io.cardstore.market.upload;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTypeTests {

	@Test
	void recognisesEachTypeByItsFirstBytes() {
		assertThat(ImageType.PNG.matches(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0 }))
			.isTrue();
		assertThat(ImageType.JPEG.matches(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 })).isTrue();
		assertThat(ImageType.GIF.matches("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isTrue();
		assertThat(ImageType.WEBP.matches("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).isTrue();
	}

	@Test
	void refusesOtherBytesAndShortFiles() {
		assertThat(ImageType.PNG.matches("<svg>".getBytes(StandardCharsets.US_ASCII))).isFalse();
		assertThat(ImageType.JPEG.matches(new byte[] { (byte) 0xFF })).isFalse();
		assertThat(ImageType.WEBP.matches("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII))).isFalse();
		assertThat(ImageType.GIF.matches(new byte[0])).isFalse();
	}

	@Test
	void knowsOnlyTheAllowedContentTypes() {
		assertThat(ImageType.ofContentType("IMAGE/PNG")).contains(ImageType.PNG);
		assertThat(ImageType.ofContentType("image/svg+xml")).isEmpty();
		assertThat(ImageType.ofContentType("text/html")).isEmpty();
	}

}
