package io.cardstore.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.cardstore.aws.account.DynamoDbAccounts;
import io.cardstore.aws.account.DynamoDbLedger;
import io.cardstore.aws.testapp.AwsTestApplication;
import io.cardstore.market.CardStoreTableLayout;
import io.cardstore.market.account.Account;
import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.ActivationOutcome;
import io.cardstore.market.account.LedgerEntry;
import io.cardstore.market.account.LinkToken;
import io.cardstore.market.account.UsernameTakenException;
import io.cardstore.testing.aws.SharedAwsInitializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The account operations whose rules the accounts table's own conditions enforce, so that
 * no request racing another gets round them: a token activates its account once and only
 * in time, a hash upgrade never replaces a changed password, reset links go out at a
 * bounded rate, and an account never activated expires and frees its name. The
 * configuration is {@link ActivationIT}'s, so that both run in one application context.
 */
@SpringBootTest(classes = AwsTestApplication.class)
@ContextConfiguration(initializers = SharedAwsInitializer.class)
class DynamoDbAccountsIT {

	@Autowired
	DynamoDbAccounts accounts;

	@Autowired
	DynamoDbLedger ledger;

	@Autowired
	DynamoDbClient dynamoDb;

	TestAccounts testAccounts;

	@BeforeEach
	void openAccounts() {
		this.testAccounts = new TestAccounts(this.accounts, "Ada <Lovelace>");
	}

	@Test
	void aHashUpgradeNeverReplacesAChangedPassword() {
		String username = this.testAccounts.createActivated();
		// A login read "{noop}unused" and upgrades it, while the password changes.
		assertThat(this.accounts.changePassword(username, "{noop}changed")).isTrue();

		assertThat(this.accounts.updatePasswordHash(username, "{noop}unused", "{noop}upgraded-old")).isFalse();
		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).isEqualTo("{noop}changed");
		assertThat(this.accounts.updatePasswordHash(username, "{noop}changed", "{noop}upgraded")).isTrue();
		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).isEqualTo("{noop}upgraded");
	}

	@Test
	void anAccountGetsResetLinksAtABoundedRateHoweverManyAsk() {
		String username = this.testAccounts.createActivated();
		Instant now = Instant.now();
		Instant expires = now.plus(Duration.ofMinutes(30));
		Instant replaceUntil = expires.minus(Duration.ofMinutes(10));

		assertThat(this.accounts.startPasswordReset(username, "hash-1", expires, "request-1", replaceUntil)).isTrue();
		assertThat(this.accounts.startPasswordReset(username, "hash-2", expires, "request-2", replaceUntil))
			.as("a link went out less than ten minutes ago")
			.isFalse();
		assertThat(this.accounts.startPasswordReset(username, "hash-3", expires.plus(Duration.ofMinutes(10)),
				"request-3", expires))
			.as("ten minutes later")
			.isTrue();
	}

	@Test
	void aWrongOrExpiredTokenActivatesNothing() {
		String username = this.testAccounts.create();
		LinkToken token = LinkToken.generate();
		this.accounts.markActivationMailSent(username, token.hash(), Instant.now().minusSeconds(1));

		assertThat(this.accounts.activate(username, LinkToken.generate().value()))
			.isEqualTo(ActivationOutcome.INVALID_TOKEN);
		assertThat(this.accounts.activate(username, token.value())).isEqualTo(ActivationOutcome.EXPIRED_TOKEN);
		assertThat(this.accounts.activate("nobody-" + username, token.value()))
			.isEqualTo(ActivationOutcome.UNKNOWN_USER);
		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.MAIL_SENT);
	}

	@Test
	void anAccountNeverActivatedExpiresAndItsNameIsFreeAgain() {
		TimeToLiveDescription ttl = this.dynamoDb
			.describeTimeToLive(describe -> describe.tableName(this.accounts.table()))
			.timeToLiveDescription();
		assertThat(ttl.attributeName()).isEqualTo(CardStoreTableLayout.USERS.timeToLiveAttribute());
		assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);

		Accounts twoDaysAgo = new DynamoDbAccounts(this.dynamoDb, this.accounts.table(),
				Clock.offset(Clock.systemUTC(), Duration.ofDays(-2)), Duration.ofDays(1), Account.OPENING_BALANCE_CENTS,
				this.ledger);
		String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
		twoDaysAgo.create(username, "Never activated", TestAccounts.email(username), "{noop}unused");
		assertThatExceptionOfType(UsernameTakenException.class).as("within its lifetime")
			.isThrownBy(
					() -> twoDaysAgo.create(username, "Someone else", TestAccounts.email(username), "{noop}unused"));

		this.accounts.create(username, "Registered again", TestAccounts.email(username), "{noop}unused");
		assertThat(this.accounts.find(username).orElseThrow().name()).isEqualTo("Registered again");

		LinkToken token = LinkToken.generate();
		this.accounts.markActivationMailSent(username, token.hash(), Instant.now().plusSeconds(60));
		assertThat(this.accounts.activate(username, token.value())).isEqualTo(ActivationOutcome.ACTIVATED);
		Accounts twoDaysLater = new DynamoDbAccounts(this.dynamoDb, this.accounts.table(),
				Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), Duration.ofDays(1), Account.OPENING_BALANCE_CENTS,
				this.ledger);
		assertThatExceptionOfType(UsernameTakenException.class).as("an activated account never expires")
			.isThrownBy(() -> twoDaysLater.create(username, "Usurper", TestAccounts.email(username), "{noop}unused"));
		// One opening entry: the expired account's was replaced, and the refused one
		// wrote nothing.
		assertThat(this.ledger.page(username, 10, null).entries()).singleElement().satisfies(opening -> {
			assertThat(opening.kind()).isEqualTo(LedgerEntry.Kind.OPENING);
			assertThat(opening.at()).isBetween(Instant.now().minusSeconds(60), Instant.now());
		});
	}

}
