/**
 * Cards, each owned by one account, and the pages of them the market lists.
 */
@NullMarked
package io.cardstore.market.card;

import org.jspecify.annotations.NullMarked;
