package io.cardstore.aws.upload;

/**
 * An uploaded image that passed every check.
 *
 * @param key the object key
 * @param type its image type, checked against its first bytes
 * @param size its size in bytes
 */
public record VerifiedImage(String key, ImageType type, long size) {
}
