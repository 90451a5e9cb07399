/**
 * Signing direct uploads of card images to S3.
 */
@NullMarked
package io.cardstore.web.upload;

import org.jspecify.annotations.NullMarked;
