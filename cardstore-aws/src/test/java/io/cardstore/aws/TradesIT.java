package io.cardstore.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.card.DynamoDbCards;
import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.account.LedgerEntry.Kind;
import io.cardstore.market.account.LedgerPage;
import io.cardstore.market.card.Card;
import io.cardstore.market.card.CardPage;
import io.cardstore.market.trade.Purchase;
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Buying a card moves the card and the money together, once, whatever the concurrency.
 */
@SpringBootTest(classes = AwsTestApplication.class)
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class TradesIT {

	static final long PRICE = 40_00;

	@Autowired
	DynamoDbAccounts accounts;

	@Autowired
	DynamoDbCards cards;

	@Autowired
	Trades trades;

	@Autowired
	Ledger ledger;

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void aBuyerPaysTheSellerAndGetsTheCardWithItsImage() {
		String seller = newAccount();
		String buyer = newAccount();
		String image = "cards/images/" + UUID.randomUUID() + ".png";
		this.cards.add(seller, "Ace", image);
		Card listed = this.cards.putOnSale(seller, "Ace", PRICE);
		assertThat(allOnSale()).anyMatch(card -> card.owner().equals(seller) && card.name().equals("Ace"));

		Purchase purchase = this.trades.buy(buyer, seller, "Ace", PRICE, listed.listing());

		assertThat(purchase.buyerBalanceCents()).isEqualTo(Account.OPENING_BALANCE_CENTS - PRICE);
		assertThat(balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS + PRICE);
		assertThat(this.cards.find(seller, "Ace")).isEmpty();
		assertThat(this.cards.find(buyer, "Ace")).hasValueSatisfying(card -> {
			assertThat(card.inSale()).isFalse();
			assertThat(card.priceCents()).isZero();
			assertThat(card.listing()).isNull();
			assertThat(card.imageKey()).as("the image stays where it is").isEqualTo(image);
		});
		assertThat(allOnSale()).as("every page of the market").noneMatch(card -> card.owner().equals(seller));
		assertThat(statement(buyer)).containsExactly(
				new LedgerEntry(2, at(buyer, 2), Kind.PURCHASE, "Ace", seller, -PRICE,
						Account.OPENING_BALANCE_CENTS - PRICE),
				new LedgerEntry(1, at(buyer, 1), Kind.OPENING, null, null, Account.OPENING_BALANCE_CENTS,
						Account.OPENING_BALANCE_CENTS));
		assertThat(statement(seller)).first()
			.isEqualTo(new LedgerEntry(2, at(seller, 2), Kind.SALE, "Ace", buyer, PRICE,
					Account.OPENING_BALANCE_CENTS + PRICE));
		assertLedgersExplainTheBalances(List.of(seller, buyer));
	}

	@Test
	void aStatementIsReadNewestFirstPageByPage() {
		String seller = newAccount();
		String buyer = newAccount();
		for (String name : List.of("One", "Two")) {
			this.cards.add(seller, name, null);
			this.trades.buy(buyer, seller, name, PRICE, this.cards.putOnSale(seller, name, PRICE).listing());
		}

		LedgerPage newest = this.ledger.page(buyer, 2, null);
		assertThat(newest.entries()).extracting(LedgerEntry::number, LedgerEntry::card)
			.containsExactly(tuple(3L, "Two"), tuple(2L, "One"));
		assertThat(newest.next()).isEqualTo(2);
		LedgerPage oldest = this.ledger.page(buyer, 2, newest.next());
		assertThat(oldest.entries()).extracting(LedgerEntry::kind).containsExactly(Kind.OPENING);
		assertThat(oldest.next()).isNull();
		assertThat(this.ledger.page(buyer, 100, null).entries()).hasSize(3);

		for (int size : new int[] { 0, -1, Ledger.MAX_PAGE_SIZE + 1 }) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.page(buyer, size, null));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.page(buyer, 10, 1L));
		assertThatIllegalArgumentException().isThrownBy(() -> this.ledger.page(buyer, 10, -5L));
	}

	@Test
	void anAccountOpenedBeforeTheLedgerHasItsBalanceBroughtForwardAtItsFirstTrade() {
		String seller = newAccount();
		String older = "user-" + UUID.randomUUID().toString().substring(0, 12);
		// As an earlier version stored accounts: a balance, no ledger.
		this.dynamoDb.putItem(put -> put.tableName(this.accounts.table())
			.item(Map.of("username", AttributeValue.fromS(older), "name", AttributeValue.fromS("Old Timer"), "email",
					AttributeValue.fromS(older + "@example.com"), "passwordHash", AttributeValue.fromS("{noop}unused"),
					"balance", AttributeValue.fromN("7500"), "status", AttributeValue.fromS("ACTIVE"))));
		assertThat(this.ledger.page(older, 10, null).entries()).isEmpty();
		this.cards.add(seller, "Old", null);

		this.trades.buy(older, seller, "Old", PRICE, this.cards.putOnSale(seller, "Old", PRICE).listing());

		assertThat(statement(older)).extracting(LedgerEntry::kind, LedgerEntry::amountCents, LedgerEntry::balanceCents)
			.containsExactly(tuple(Kind.PURCHASE, -PRICE, 7500 - PRICE), tuple(Kind.OPENING, 7500L, 7500L));
		assertLedgersExplainTheBalances(List.of(seller, older));
	}

	@Test
	void thirtyBuyersRaceForOneSellersFiveCardsAndEveryLedgerAddsUp() throws Exception {
		String seller = newAccount();
		List<String> buyers = IntStream.range(0, 30).mapToObj(i -> newAccount()).toList();
		List<String> names = List.of("Sun", "Moon", "Star", "Comet", "Planet");
		Map<String, String> listings = new HashMap<>();
		for (String name : names) {
			this.cards.add(seller, name, null);
			listings.put(name, this.cards.putOnSale(seller, name, PRICE).listing());
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Future<List<TradeRefusal>>> attempts = new ArrayList<>();

		ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
		try {
			for (String buyer : buyers) {
				List<String> order = new ArrayList<>(names);
				Collections.shuffle(order);
				attempts.add(pool.submit(() -> {
					start.await();
					List<TradeRefusal> refusals = new ArrayList<>();
					for (String name : order) {
						try {
							this.trades.buy(buyer, seller, name, PRICE, listings.get(name));
						}
						catch (TradeRefusedException ex) {
							refusals.add(ex.reason());
						}
					}
					return refusals;
				}));
			}
			start.countDown();
			for (Future<List<TradeRefusal>> attempt : attempts) {
				assertThat(attempt.get()).allSatisfy(reason -> assertThat(reason).isIn(TradeRefusal.CHANGED_MEANWHILE,
						TradeRefusal.CARD_NOT_FOUND, TradeRefusal.NOT_ON_SALE, TradeRefusal.INSUFFICIENT_BALANCE));
			}
		}
		finally {
			pool.shutdownNow();
		}

		List<Card> owned = new ArrayList<>(this.cards.ownedBy(seller));
		buyers.forEach(buyer -> owned.addAll(this.cards.ownedBy(buyer)));
		assertThat(owned).extracting(Card::name).as("each card once").containsExactlyInAnyOrderElementsOf(names);
		long sold = owned.stream().filter(card -> !card.owner().equals(seller)).count();
		assertThat(sold).as("cards sold").isPositive();
		assertThat(statement(seller)).filteredOn(entry -> entry.kind() == Kind.SALE).hasSize((int) sold);
		List<String> everyone = new ArrayList<>(buyers);
		everyone.add(seller);
		assertLedgersExplainTheBalances(everyone);
		assertThat(everyone.stream().mapToLong(this::balance).sum()).as("no money created or lost")
			.isEqualTo(31 * Account.OPENING_BALANCE_CENTS);
	}

	/** The whole market, page by page: the index is shared with every other test. */
	private List<Card> allOnSale() {
		List<Card> all = new ArrayList<>();
		String page = null;
		do {
			CardPage cards = this.cards.onSale(100, page);
			all.addAll(cards.cards());
			page = cards.next();
		}
		while (page != null);
		return all;
	}

	@Test
	void twentyBuyersRaceForOneCardAndExactlyOneWins() throws Exception {
		String seller = newAccount();
		List<String> buyers = IntStream.range(0, 20).mapToObj(i -> newAccount()).toList();
		this.cards.add(seller, "Joker", null);
		String listing = this.cards.putOnSale(seller, "Joker", PRICE).listing();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Purchase>> attempts = new ArrayList<>();

		ExecutorService pool = Executors.newFixedThreadPool(buyers.size());
		try {
			for (String buyer : buyers) {
				Callable<Purchase> attempt = () -> {
					start.await();
					return this.trades.buy(buyer, seller, "Joker", PRICE, listing);
				};
				attempts.add(pool.submit(attempt));
			}
			start.countDown();
			List<String> winners = new ArrayList<>();
			List<TradeRefusal> refusals = new ArrayList<>();
			for (int i = 0; i < attempts.size(); i++) {
				try {
					attempts.get(i).get();
					winners.add(buyers.get(i));
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(TradeRefusedException.class);
					refusals.add(((TradeRefusedException) ex.getCause()).reason());
				}
			}

			assertThat(winners).hasSize(1);
			// Those who lost the race saw the card change under them, or already gone.
			// Which of the two each saw depends on timing, so neither is required to
			// occur.
			assertThat(refusals).hasSize(19)
				.allSatisfy(
						reason -> assertThat(reason).isIn(TradeRefusal.CHANGED_MEANWHILE, TradeRefusal.CARD_NOT_FOUND));
			long total = balance(seller) + buyers.stream().mapToLong(this::balance).sum();
			assertThat(total).as("no money created or lost").isEqualTo(21 * Account.OPENING_BALANCE_CENTS);
			List<Card> jokers = new ArrayList<>(this.cards.ownedBy(seller));
			buyers.forEach(buyer -> jokers.addAll(this.cards.ownedBy(buyer)));
			assertThat(jokers).singleElement().satisfies(card -> assertThat(card.owner()).isEqualTo(winners.get(0)));
			assertThat(balance(winners.get(0))).isEqualTo(Account.OPENING_BALANCE_CENTS - PRICE);
			List<String> everyone = new ArrayList<>(buyers);
			everyone.add(seller);
			assertLedgersExplainTheBalances(everyone);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aCardIsPutOnSaleOnlyAtAPriceWithinTheBounds() {
		String seller = newAccount();
		this.cards.add(seller, "Bounded", null);

		for (long price : new long[] { 0, -1, Card.MAX_PRICE_CENTS + 1 }) {
			assertThatIllegalArgumentException().as("%d cents", price)
				.isThrownBy(() -> this.cards.putOnSale(seller, "Bounded", price));
		}
		assertThat(this.cards.find(seller, "Bounded")).hasValueSatisfying(card -> assertThat(card.inSale()).isFalse());
		assertThat(this.cards.putOnSale(seller, "Bounded", Card.MAX_PRICE_CENTS).priceCents())
			.isEqualTo(Card.MAX_PRICE_CENTS);
	}

	@Test
	void aPriceAboveTheBalanceIsRefusedAndNothingChanges() {
		String seller = newAccount();
		String buyer = newAccount();
		this.cards.add(seller, "Queen", null);
		String listing = this.cards.putOnSale(seller, "Queen", Account.OPENING_BALANCE_CENTS + 1).listing();

		assertRefused(() -> this.trades.buy(buyer, seller, "Queen", Account.OPENING_BALANCE_CENTS + 1, listing),
				TradeRefusal.INSUFFICIENT_BALANCE);

		assertUnchanged(seller, buyer, "Queen");
	}

	@Test
	void aUserCannotBuyTheirOwnCard() {
		String seller = newAccount();
		this.cards.add(seller, "King", null);
		String listing = this.cards.putOnSale(seller, "King", PRICE).listing();

		assertRefused(() -> this.trades.buy(seller, seller, "King", PRICE, listing), TradeRefusal.OWN_CARD);

		assertThat(balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, "King")).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	@Test
	void aCardNotOnSaleIsRefused() {
		String seller = newAccount();
		String buyer = newAccount();
		this.cards.add(seller, "Knave", null);

		assertRefused(() -> this.trades.buy(buyer, seller, "Knave", PRICE, "no-listing"), TradeRefusal.NOT_ON_SALE);

		assertThat(balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, "Knave")).isPresent();
	}

	@Test
	void aMissingCardIsRefused() {
		String seller = newAccount();
		String buyer = newAccount();

		assertRefused(() -> this.trades.buy(buyer, seller, "Nothing", PRICE, "no-listing"),
				TradeRefusal.CARD_NOT_FOUND);

		assertThat(balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
	}

	@Test
	void aBuyerWhoHasACardOfThatNameIsRefused() {
		String seller = newAccount();
		String buyer = newAccount();
		this.cards.add(seller, "Twin", null);
		String listing = this.cards.putOnSale(seller, "Twin", PRICE).listing();
		this.cards.add(buyer, "Twin", null);

		assertRefused(() -> this.trades.buy(buyer, seller, "Twin", PRICE, listing), TradeRefusal.NAME_CLASH);

		assertUnchanged(seller, buyer, "Twin");
		assertThat(this.cards.find(buyer, "Twin")).hasValueSatisfying(card -> assertThat(card.inSale()).isFalse());
	}

	@Test
	void aPriceChangedSinceTheBuyerSawItIsRefused() {
		String seller = newAccount();
		String buyer = newAccount();
		this.cards.add(seller, "Ten", null);
		String seen = this.cards.putOnSale(seller, "Ten", PRICE).listing();
		this.cards.putOnSale(seller, "Ten", PRICE + 1);

		assertRefused(() -> this.trades.buy(buyer, seller, "Ten", PRICE, seen), TradeRefusal.CHANGED_MEANWHILE);

		assertUnchanged(seller, buyer, "Ten");
	}

	@Test
	void aCardPutInThePlaceOfTheOneTheBuyerSawIsNotSold() {
		String seller = newAccount();
		String accomplice = newAccount();
		String buyer = newAccount();
		String seenImage = "cards/images/" + UUID.randomUUID() + ".png";
		this.cards.add(seller, "Swap", seenImage);
		String seen = this.cards.putOnSale(seller, "Swap", PRICE).listing();
		// Between the buyer's look and click: the card goes, another of its name and
		// price comes.
		this.trades.buy(accomplice, seller, "Swap", PRICE, seen);
		this.cards.add(seller, "Swap", "cards/images/" + UUID.randomUUID() + ".png");
		String swapped = this.cards.putOnSale(seller, "Swap", PRICE).listing();
		assertThat(swapped).isNotEqualTo(seen);

		assertRefused(() -> this.trades.buy(buyer, seller, "Swap", PRICE, seen), TradeRefusal.CHANGED_MEANWHILE);

		assertThat(balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(buyer, "Swap")).isEmpty();
		assertThat(this.cards.find(seller, "Swap")).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	@Test
	void theTransactionItselfSellsOnlyTheOfferTheBuyerSaw() {
		String seller = newAccount();
		String buyer = newAccount();
		this.cards.add(seller, "Nine", null);
		String seen = this.cards.putOnSale(seller, "Nine", PRICE).listing();
		this.cards.putOnSale(seller, "Nine", PRICE);

		Account paying = this.accounts.find(buyer).orElseThrow();
		Account paid = this.accounts.find(seller).orElseThrow();

		// As if the listing changed after the purchase read the card and before it wrote.
		assertThatExceptionOfType(TransactionCanceledException.class).isThrownBy(() -> this.dynamoDb
			.transactWriteItems(transaction -> transaction.transactItems(this.cards.sold(seller, "Nine", PRICE, seen),
					this.accounts.booked(paying, paying.balanceCents() - PRICE, paying.ledgerEntries() + 1),
					this.accounts.booked(paid, paid.balanceCents() + PRICE, paid.ledgerEntries() + 1))));

		assertUnchanged(seller, buyer, "Nine");
	}

	private void assertUnchanged(String seller, String buyer, String cardName) {
		assertThat(balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, cardName)).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	private static void assertRefused(Runnable purchase, TradeRefusal reason) {
		assertThatExceptionOfType(TradeRefusedException.class).isThrownBy(purchase::run)
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private String newAccount() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
		this.accounts.create(username, "Test User", username + "@example.com", "{noop}unused");
		return username;
	}

	/**
	 * Each account's statement, read page by page, starts with its opening balance, has
	 * no gap, and explains its balance: every entry's balance is the one before plus its
	 * amount, the entries add up to the account's balance, and their count is the
	 * account's.
	 */
	private void assertLedgersExplainTheBalances(List<String> usernames) {
		for (String username : usernames) {
			Account account = this.accounts.find(username).orElseThrow();
			List<LedgerEntry> entries = new ArrayList<>(statement(username));
			Collections.reverse(entries);
			assertThat(entries).as(username).isNotEmpty().first().satisfies(first -> {
				assertThat(first.kind()).isEqualTo(Kind.OPENING);
				assertThat(first.balanceCents()).isEqualTo(first.amountCents());
			});
			long balance = 0;
			for (int i = 0; i < entries.size(); i++) {
				LedgerEntry entry = entries.get(i);
				assertThat(entry.number()).as("%s's entry %d", username, i + 1).isEqualTo(i + 1);
				balance += entry.amountCents();
				assertThat(entry.balanceCents()).as("%s's balance after entry %d", username, i + 1).isEqualTo(balance);
			}
			assertThat(balance).as("%s's entries add up to the balance", username).isEqualTo(account.balanceCents());
			assertThat((long) entries.size()).isEqualTo(account.ledgerEntries());
		}
	}

	/** The whole statement, newest first, read 3 entries a page. */
	private List<LedgerEntry> statement(String username) {
		List<LedgerEntry> entries = new ArrayList<>();
		Long before = null;
		do {
			LedgerPage page = this.ledger.page(username, 3, before);
			entries.addAll(page.entries());
			before = page.next();
		}
		while (before != null);
		return entries;
	}

	/**
	 * When the account's entry of this number was booked, for comparing whole entries.
	 */
	private Instant at(String username, long number) {
		return statement(username).stream().filter(entry -> entry.number() == number).findFirst().orElseThrow().at();
	}

	private long balance(String username) {
		return this.accounts.find(username).orElseThrow().balanceCents();
	}

}
