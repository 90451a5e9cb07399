package io.cardstore.market.upload;

import java.time.Instant;
import java.util.Map;

/**
 * What a browser needs to upload an image straight to S3.
 *
 * @param key the object key, to send back with the card
 * @param url where to send the PUT
 * @param headers the headers to send with it, exactly
 * @param expiresAt when the URL stops working
 */
public record PresignedUpload(String key, String url, Map<String, String> headers, Instant expiresAt) {
}
