package io.cardstore.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every trade is booked in both accounts' ledgers, which are read newest first, page by
 * page, and always explain the balances: for an account older than the ledger, and
 * whatever the concurrency. The configuration is {@link TradesIT}'s, so that both run in
 * one application context.
 */
@SpringBootTest(classes = AwsTestApplication.class)
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class LedgerIT {

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

	TestAccounts testAccounts;

	Statements statements;

	@BeforeEach
	void openAccountsAndReadStatements() {
		this.testAccounts = new TestAccounts(this.accounts, "Test User");
		this.statements = new Statements(this.accounts, this.ledger);
	}

	@Test
	void aStatementIsReadNewestFirstPageByPage() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
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
		String seller = this.testAccounts.create();
		String older = "user-" + UUID.randomUUID().toString().substring(0, 12);
		// As an earlier version stored accounts: a balance, no ledger.
		this.dynamoDb.putItem(put -> put.tableName(this.accounts.table())
			.item(Map.of("username", AttributeValue.fromS(older), "name", AttributeValue.fromS("Old Timer"), "email",
					AttributeValue.fromS(older + "@example.com"), "passwordHash", AttributeValue.fromS("{noop}unused"),
					"balance", AttributeValue.fromN("7500"), "status", AttributeValue.fromS("ACTIVE"))));
		assertThat(this.ledger.page(older, 10, null).entries()).isEmpty();
		this.cards.add(seller, "Old", null);

		this.trades.buy(older, seller, "Old", PRICE, this.cards.putOnSale(seller, "Old", PRICE).listing());

		assertThat(this.statements.of(older))
			.extracting(LedgerEntry::kind, LedgerEntry::amountCents, LedgerEntry::balanceCents)
			.containsExactly(tuple(Kind.PURCHASE, -PRICE, 7500 - PRICE), tuple(Kind.OPENING, 7500L, 7500L));
		this.statements.assertLedgersExplainTheBalances(List.of(seller, older));
	}

	@Test
	void thirtyBuyersRaceForOneSellersFiveCardsAndEveryLedgerAddsUp() throws Exception {
		String seller = this.testAccounts.create();
		List<String> buyers = IntStream.range(0, 30).mapToObj(i -> this.testAccounts.create()).toList();
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
		assertThat(this.statements.of(seller)).filteredOn(entry -> entry.kind() == Kind.SALE).hasSize((int) sold);
		List<String> everyone = new ArrayList<>(buyers);
		everyone.add(seller);
		this.statements.assertLedgersExplainTheBalances(everyone);
		assertThat(everyone.stream().mapToLong(this.testAccounts::balance).sum()).as("no money created or lost")
			.isEqualTo(31 * Account.OPENING_BALANCE_CENTS);
	}

}
