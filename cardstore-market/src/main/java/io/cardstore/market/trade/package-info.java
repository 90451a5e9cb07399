/**
 * Buying a card from another account, and why a purchase may be refused.
 */
@NullMarked
package io.cardstore.market.trade;

import org.jspecify.annotations.NullMarked;
