package io.cardstore.aws;

import java.util.UUID;

import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.card.DynamoDbCards;
import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.market.account.Account;
import io.cardstore.market.trade.TradeRefusal;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A purchase is refused, and changes nothing, when the buyer cannot pay, owns the card or
 * one of its name, or when the offer is not the one the buyer saw: gone, off sale,
 * repriced or replaced, even between the transaction's read and its write. The
 * configuration is {@link TradesIT}'s, so that both run in one application context.
 */
@SpringBootTest(classes = AwsTestApplication.class)
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class TradeRefusalsIT {

	static final long PRICE = 40_00;

	@Autowired
	DynamoDbAccounts accounts;

	@Autowired
	DynamoDbCards cards;

	@Autowired
	Trades trades;

	@Autowired
	DynamoDbClient dynamoDb;

	TestAccounts testAccounts;

	@BeforeEach
	void openAccounts() {
		this.testAccounts = new TestAccounts(this.accounts, "Test User");
	}

	@Test
	void aPriceAboveTheBalanceIsRefusedAndNothingChanges() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
		this.cards.add(seller, "Queen", null);
		String listing = this.cards.putOnSale(seller, "Queen", Account.OPENING_BALANCE_CENTS + 1).listing();

		assertRefused(() -> this.trades.buy(buyer, seller, "Queen", Account.OPENING_BALANCE_CENTS + 1, listing),
				TradeRefusal.INSUFFICIENT_BALANCE);

		assertUnchanged(seller, buyer, "Queen");
	}

	@Test
	void aUserCannotBuyTheirOwnCard() {
		String seller = this.testAccounts.create();
		this.cards.add(seller, "King", null);
		String listing = this.cards.putOnSale(seller, "King", PRICE).listing();

		assertRefused(() -> this.trades.buy(seller, seller, "King", PRICE, listing), TradeRefusal.OWN_CARD);

		assertThat(this.testAccounts.balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, "King")).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	@Test
	void aCardNotOnSaleIsRefused() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
		this.cards.add(seller, "Knave", null);

		assertRefused(() -> this.trades.buy(buyer, seller, "Knave", PRICE, "no-listing"), TradeRefusal.NOT_ON_SALE);

		assertThat(this.testAccounts.balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, "Knave")).isPresent();
	}

	@Test
	void aMissingCardIsRefused() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();

		assertRefused(() -> this.trades.buy(buyer, seller, "Nothing", PRICE, "no-listing"),
				TradeRefusal.CARD_NOT_FOUND);

		assertThat(this.testAccounts.balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
	}

	@Test
	void aBuyerWhoHasACardOfThatNameIsRefused() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
		this.cards.add(seller, "Twin", null);
		String listing = this.cards.putOnSale(seller, "Twin", PRICE).listing();
		this.cards.add(buyer, "Twin", null);

		assertRefused(() -> this.trades.buy(buyer, seller, "Twin", PRICE, listing), TradeRefusal.NAME_CLASH);

		assertUnchanged(seller, buyer, "Twin");
		assertThat(this.cards.find(buyer, "Twin")).hasValueSatisfying(card -> assertThat(card.inSale()).isFalse());
	}

	@Test
	void aPriceChangedSinceTheBuyerSawItIsRefused() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
		this.cards.add(seller, "Ten", null);
		String seen = this.cards.putOnSale(seller, "Ten", PRICE).listing();
		this.cards.putOnSale(seller, "Ten", PRICE + 1);

		assertRefused(() -> this.trades.buy(buyer, seller, "Ten", PRICE, seen), TradeRefusal.CHANGED_MEANWHILE);

		assertUnchanged(seller, buyer, "Ten");
	}

	@Test
	void aCardPutInThePlaceOfTheOneTheBuyerSawIsNotSold() {
		String seller = this.testAccounts.create();
		String accomplice = this.testAccounts.create();
		String buyer = this.testAccounts.create();
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

		assertThat(this.testAccounts.balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(buyer, "Swap")).isEmpty();
		assertThat(this.cards.find(seller, "Swap")).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	@Test
	void theTransactionItselfSellsOnlyTheOfferTheBuyerSaw() {
		String seller = this.testAccounts.create();
		String buyer = this.testAccounts.create();
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
		assertThat(this.testAccounts.balance(seller)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.testAccounts.balance(buyer)).isEqualTo(Account.OPENING_BALANCE_CENTS);
		assertThat(this.cards.find(seller, cardName)).hasValueSatisfying(card -> assertThat(card.inSale()).isTrue());
	}

	private static void assertRefused(Runnable purchase, TradeRefusal reason) {
		assertThatExceptionOfType(TradeRefusedException.class).isThrownBy(purchase::run)
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
