/**
 * Card images uploaded by the browser straight to S3, then checked and claimed.
 */
@NullMarked
package io.cardstore.aws.upload;

import org.jspecify.annotations.NullMarked;
