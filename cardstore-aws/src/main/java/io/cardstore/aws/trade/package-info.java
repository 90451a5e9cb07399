/**
 * Purchases as DynamoDB transactions that move a card and its money together.
 */
@NullMarked
package io.cardstore.aws.trade;

import org.jspecify.annotations.NullMarked;
