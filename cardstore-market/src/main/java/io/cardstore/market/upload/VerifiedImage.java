package io.cardstore.market.upload;

/**
 * An uploaded image that passed every check, claimed for a card.
 *
 * @param key its object key, under {@link CardImageUploads#IMAGE_PREFIX}
 * @param type its image type, checked against its first bytes
 * @param size its size in bytes
 */
public record VerifiedImage(String key, ImageType type, long size) {
}
