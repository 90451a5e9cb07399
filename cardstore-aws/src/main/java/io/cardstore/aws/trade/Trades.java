package io.cardstore.aws.trade;

import java.util.List;
import java.util.Map;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.card.Card;
import io.cardstore.aws.card.Cards;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Buying a card: the card and the money move in one DynamoDB transaction whose conditions
 * re-check, at the moment of writing, everything the buyer saw. Whatever the concurrency, a
 * card is sold once, no money is created or lost, and a failure changes nothing.
 */
public class Trades {

	private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

	private final DynamoDbClient dynamoDb;

	private final Accounts accounts;

	private final Cards cards;

	public Trades(DynamoDbClient dynamoDb, Accounts accounts, Cards cards) {
		this.dynamoDb = dynamoDb;
		this.accounts = accounts;
		this.cards = cards;
	}

	/**
	 * Buys the seller's card: the offer the buyer saw, at the price they saw.
	 * @param seenListing the {@link Card#listing() listing} the buyer saw
	 * @throws TradeRefusedException with the reason, when nothing was bought
	 */
	public Purchase buy(String buyer, String seller, String cardName, long seenPriceCents, String seenListing) {
		if (buyer.equals(seller)) {
			throw new TradeRefusedException(TradeRefusal.OWN_CARD);
		}
		Card card = this.cards.find(seller, cardName).orElseThrow(() -> new TradeRefusedException(TradeRefusal.CARD_NOT_FOUND));
		if (!card.inSale()) {
			throw new TradeRefusedException(TradeRefusal.NOT_ON_SALE);
		}
		if (card.priceCents() != seenPriceCents || seenListing == null || !seenListing.equals(card.listing())) {
			throw new TradeRefusedException(TradeRefusal.CHANGED_MEANWHILE);
		}
		// The image stays where it is: its key is the application's, which the seller cannot
		// name, so the seller keeps no hold on the buyer's image.
		Card bought = new Card(buyer, cardName, card.imageKey(), card.loadedAt(), false, 0, null);
		// In this order: the reasons of a refusal come back by position (see reason()).
		List<TransactWriteItem> writes = List.of(this.cards.sold(seller, cardName, seenPriceCents, seenListing),
				this.cards.bought(bought), this.accounts.debited(buyer, seenPriceCents),
				this.accounts.credited(seller, seenPriceCents));
		try {
			this.dynamoDb.transactWriteItems(transaction -> transaction.transactItems(writes));
		}
		catch (TransactionCanceledException ex) {
			throw new TradeRefusedException(reason(ex.cancellationReasons()));
		}
		long balance = this.accounts.find(buyer).orElseThrow().balanceCents();
		return new Purchase(bought, seller, seenPriceCents, balance);
	}

	/** The first failed condition, in the order of the writes, tells why. */
	private static TradeRefusal reason(List<CancellationReason> reasons) {
		if (failed(reasons, 0)) {
			Map<String, AttributeValue> card = reasons.get(0).item();
			return (card != null && !card.isEmpty() && !Cards.isOnSale(card)) ? TradeRefusal.NOT_ON_SALE
					: TradeRefusal.CHANGED_MEANWHILE;
		}
		if (failed(reasons, 1)) {
			return TradeRefusal.NAME_CLASH;
		}
		if (failed(reasons, 2)) {
			return TradeRefusal.INSUFFICIENT_BALANCE;
		}
		// A conflicting transaction on the same items, or the seller's account gone.
		return TradeRefusal.CHANGED_MEANWHILE;
	}

	private static boolean failed(List<CancellationReason> reasons, int write) {
		return reasons.size() > write && CONDITIONAL_CHECK_FAILED.equals(reasons.get(write).code());
	}

}
