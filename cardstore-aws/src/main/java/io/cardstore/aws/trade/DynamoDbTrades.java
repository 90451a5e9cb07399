package io.cardstore.aws.trade;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.account.DynamoDbLedger;
import io.cardstore.aws.card.DynamoDbCards;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.card.Card;
import io.cardstore.market.trade.Purchase;
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Buying a card: the card, the money and the two accounts' ledger entries move in one
 * DynamoDB transaction whose conditions re-check, at the moment of writing, everything
 * the buyer saw and both accounts as they were read. Whatever the concurrency, a card is
 * sold once, no money is created or lost, every balance is explained by its ledger, and a
 * failure changes nothing.
 */
public class DynamoDbTrades implements Trades {

	private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

	/**
	 * How often a purchase is tried when an account moved between its read and its write
	 * (the seller sold another card meanwhile, say), before the buyer is told to try
	 * again.
	 */
	private static final int ATTEMPTS = 8;

	private final DynamoDbClient dynamoDb;

	private final DynamoDbAccounts accounts;

	private final DynamoDbCards cards;

	private final DynamoDbLedger ledger;

	private final Clock clock;

	public DynamoDbTrades(DynamoDbClient dynamoDb, DynamoDbAccounts accounts, DynamoDbCards cards,
			DynamoDbLedger ledger, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.accounts = accounts;
		this.cards = cards;
		this.ledger = ledger;
		this.clock = clock;
	}

	@Override
	public Purchase buy(String buyer, String seller, String cardName, long seenPriceCents, String seenListing) {
		if (buyer.equals(seller)) {
			throw new TradeRefusedException(TradeRefusal.OWN_CARD);
		}
		for (int attempt = 1;; attempt++) {
			Purchase purchase = tryToBuy(buyer, seller, cardName, seenPriceCents, seenListing);
			if (purchase != null) {
				return purchase;
			}
			if (attempt == ATTEMPTS) {
				throw new TradeRefusedException(TradeRefusal.CHANGED_MEANWHILE);
			}
			// Apart in time, so that buyers of one seller's cards do not collide again at
			// once.
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 10_000_000L * attempt));
		}
	}

	/**
	 * One attempt; {@code null} when an account moved meanwhile and a new attempt may
	 * succeed.
	 */
	private @Nullable Purchase tryToBuy(String buyer, String seller, String cardName, long seenPriceCents,
			String seenListing) {
		Card card = this.cards.find(seller, cardName)
			.orElseThrow(() -> new TradeRefusedException(TradeRefusal.CARD_NOT_FOUND));
		if (!card.inSale()) {
			throw new TradeRefusedException(TradeRefusal.NOT_ON_SALE);
		}
		if (card.priceCents() != seenPriceCents || seenListing == null || !seenListing.equals(card.listing())) {
			throw new TradeRefusedException(TradeRefusal.CHANGED_MEANWHILE);
		}
		Account paying = this.accounts.find(buyer)
			.orElseThrow(() -> new TradeRefusedException(TradeRefusal.CHANGED_MEANWHILE));
		Account paid = this.accounts.find(seller)
			.orElseThrow(() -> new TradeRefusedException(TradeRefusal.CHANGED_MEANWHILE));
		if (paying.balanceCents() < seenPriceCents) {
			throw new TradeRefusedException(TradeRefusal.INSUFFICIENT_BALANCE);
		}
		// The image stays where it is: its key is the application's, which the seller
		// cannot
		// name, so the seller keeps no hold on the buyer's image.
		Card bought = new Card(buyer, cardName, card.imageKey(), card.loadedAt(), false, 0, null);
		Instant now = this.clock.instant();
		// In this order: the reasons of a refusal come back by position (see reason()).
		List<TransactWriteItem> writes = new ArrayList<>(
				List.of(this.cards.sold(seller, cardName, seenPriceCents, seenListing), this.cards.bought(bought)));
		long buyerBalance = book(writes, paying, now, LedgerEntry.Kind.PURCHASE, cardName, seller, -seenPriceCents);
		book(writes, paid, now, LedgerEntry.Kind.SALE, cardName, buyer, seenPriceCents);
		try {
			this.dynamoDb.transactWriteItems(transaction -> transaction.transactItems(writes));
		}
		catch (TransactionCanceledException ex) {
			TradeRefusal refusal = reason(ex.cancellationReasons());
			if (refusal != null) {
				throw new TradeRefusedException(refusal);
			}
			return null;
		}
		return new Purchase(bought, seller, seenPriceCents, buyerBalance);
	}

	/**
	 * Adds the writes that move an account's balance by the amount, with its ledger entry
	 * (after an opening one for an account older than the ledger); the new balance.
	 */
	private long book(List<TransactWriteItem> writes, Account account, Instant now, LedgerEntry.Kind kind,
			String cardName, String counterparty, long amountCents) {
		long entries = account.ledgerEntries();
		List<TransactWriteItem> entryWrites = new ArrayList<>();
		if (entries == 0) {
			entryWrites.add(this.ledger.written(account.username(), new LedgerEntry(++entries, now,
					LedgerEntry.Kind.OPENING, null, null, account.balanceCents(), account.balanceCents())));
		}
		long balance = account.balanceCents() + amountCents;
		entryWrites.add(this.ledger.written(account.username(),
				new LedgerEntry(++entries, now, kind, cardName, counterparty, amountCents, balance)));
		writes.add(this.accounts.booked(account, balance, entries));
		writes.addAll(entryWrites);
		return balance;
	}

	/**
	 * Why the card's own writes (the first two) failed, or {@code null} when they did
	 * not: then an account or a ledger entry moved meanwhile, or another transaction held
	 * an item, and the purchase may be tried again.
	 */
	private static @Nullable TradeRefusal reason(List<CancellationReason> reasons) {
		if (failed(reasons, 0)) {
			Map<String, AttributeValue> card = reasons.get(0).item();
			return (card != null && !card.isEmpty() && !DynamoDbCards.isOnSale(card)) ? TradeRefusal.NOT_ON_SALE
					: TradeRefusal.CHANGED_MEANWHILE;
		}
		if (failed(reasons, 1)) {
			return TradeRefusal.NAME_CLASH;
		}
		return null;
	}

	private static boolean failed(List<CancellationReason> reasons, int write) {
		return reasons.size() > write && CONDITIONAL_CHECK_FAILED.equals(reasons.get(write).code());
	}

}
