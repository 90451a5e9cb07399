/**
 * The cards in DynamoDB, with the index of those on sale.
 */
@NullMarked
package io.cardstore.aws.card;

import org.jspecify.annotations.NullMarked;
