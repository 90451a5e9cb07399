/**
 * Card images uploaded straight to the bucket, and the checks before a card uses one.
 */
@NullMarked
package io.cardstore.market.upload;

import org.jspecify.annotations.NullMarked;
