package io.cardstore.market.trade;

import io.cardstore.market.card.Card;

/**
 * A purchase that happened.
 *
 * @param card the card, now the buyer's and no longer on sale
 * @param seller who sold it
 * @param priceCents what it cost
 * @param buyerBalanceCents the buyer's balance after the purchase
 */
public record Purchase(Card card, String seller, long priceCents, long buyerBalanceCents) {
}
