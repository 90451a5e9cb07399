package io.cardstore.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.cardstore.market.card.Card;
import io.cardstore.market.card.CardPage;
import io.cardstore.market.trade.Purchase;
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Buying a card moves the card and the money together, once, whatever the concurrency.
 * {@link TradeRefusalsIT} has the purchases refused, {@link LedgerIT} the statements the
 * trades leave.
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

	TestAccounts testAccounts;

	Statements statements;

	@BeforeEach
	void openAccountsAndReadStatements() {
		this.testAccounts = new TestAccounts(this.accounts, "Test User");
		this.statements = new Statements(this.accounts, this.ledger);
	}

	@Test
	void aBuyerPaysTheSellerAndGetsTheCardWithItsImage() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
		String image = "cards/images/" + UUID.randomUUID() + ".png";
		this.cards.add(seller, "Ace", image);
		Card listed = this.cards.putOnSale(seller, "Ace", PRICE);
		assertThat(allOnSale()).anyMatch(card -> card.owner().equals(seller) && card.name().equals("Ace"));

		Purchase purchase = this.trades.buy(buyer, seller, "Ace", PRICE, listed.listing());

		assertThat(purchase.buyerBalanceCents()).isEqualTo(Account.OPENING_BALANCE_CENTS - PRICE);
		assertThat(this.testAccounts.balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS + PRICE);
		assertThat(this.cards.find(seller, "Ace")).isEmpty();
		assertThat(this.cards.find(buyer, "Ace")).hasValueSatisfying(card -> {
			assertThat(card.inSale()).isFalse();
			assertThat(card.priceCents()).isZero();
			assertThat(card.listing()).isNull();
			assertThat(card.imageKey()).as("the image stays where it is").isEqualTo(image);
		});
		assertThat(allOnSale()).as("every page of the market").noneMatch(card -> card.owner().equals(seller));
		assertThat(this.statements.of(buyer)).containsExactly(
				new LedgerEntry(2, at(buyer, 2), Kind.PURCHASE, "Ace", seller, -PRICE,
						Account.OPENING_BALANCE_CENTS - PRICE),
				new LedgerEntry(1, at(buyer, 1), Kind.OPENING, null, null, Account.OPENING_BALANCE_CENTS,
						Account.OPENING_BALANCE_CENTS));
		assertThat(this.statements.of(seller)).first()
			.isEqualTo(new LedgerEntry(2, at(seller, 2), Kind.SALE, "Ace", buyer, PRICE,
					Account.OPENING_BALANCE_CENTS + PRICE));
		this.statements.assertLedgersExplainTheBalances(List.of(seller, buyer));
	}

	@Test
	void twentyBuyersRaceForOneCardAndExactlyOneWins() throws Exception {
		String seller = this.testAccounts.create();
		List<String> buyers = IntStream.range(0, 20).mapToObj(i -> this.testAccounts.create()).toList();
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
			long total = this.testAccounts.balance(seller)
					+ buyers.stream().mapToLong(this.testAccounts::balance).sum();
			assertThat(total).as("no money created or lost").isEqualTo(21 * Account.OPENING_BALANCE_CENTS);
			List<Card> jokers = new ArrayList<>(this.cards.ownedBy(seller));
			buyers.forEach(buyer -> jokers.addAll(this.cards.ownedBy(buyer)));
			assertThat(jokers).singleElement().satisfies(card -> assertThat(card.owner()).isEqualTo(winners.get(0)));
			assertThat(this.testAccounts.balance(winners.get(0))).isEqualTo(Account.OPENING_BALANCE_CENTS - PRICE);
			List<String> everyone = new ArrayList<>(buyers);
			everyone.add(seller);
			this.statements.assertLedgersExplainTheBalances(everyone);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aCardIsPutOnSaleOnlyAtAPriceWithinTheBounds() {
		String seller = this.testAccounts.create();
		this.cards.add(seller, "Bounded", null);

		for (long price : new long[] { 0, -1, Card.MAX_PRICE_CENTS + 1 }) {
			assertThatIllegalArgumentException().as("%d cents", price)
				.isThrownBy(() -> this.cards.putOnSale(seller, "Bounded", price));
		}
		assertThat(this.cards.find(seller, "Bounded")).hasValueSatisfying(card -> assertThat(card.inSale()).isFalse());
		assertThat(this.cards.putOnSale(seller, "Bounded", Card.MAX_PRICE_CENTS).priceCents())
			.isEqualTo(Card.MAX_PRICE_CENTS);
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

	/**
	 * When the account's entry of this number was booked, for comparing whole entries.
	 */
	private Instant at(String username, long number) {
		return this.statements.of(username)
			.stream()
			.filter(entry -> entry.number() == number)
			.findFirst()
			.orElseThrow()
			.at();
	}

}
