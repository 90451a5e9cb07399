package io.cardstore.market.trade;

import io.cardstore.market.card.Card;

/**
 * Buying a card: the card, the money and both accounts' ledger entries move together or
 * not at all, checked against what the buyer saw. Whatever the concurrency, a card is
 * sold once, no money is created or lost, and a refusal changes nothing.
 */
public interface Trades {

	/**
	 * Buys the seller's card: the offer the buyer saw, at the price they saw.
	 * @param seenListing the {@link Card#listing() listing} the buyer saw
	 * @throws TradeRefusedException with the reason, when nothing was bought
	 */
	Purchase buy(String buyer, String seller, String cardName, long seenPriceCents, String seenListing);

}
