package io.cardstore.aws;

import java.time.Instant;
import java.util.UUID;

import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.LinkToken;

/**
 * New accounts for the integration tests, each of a user of its own: the tables are
 * shared with every other test, which must not see them.
 */
final class TestAccounts {

	private final Accounts accounts;

	private final String name;

	/**
	 * @param accounts where the accounts are opened
	 * @param name the name every account gets, the free text a registration form takes
	 */
	TestAccounts(Accounts accounts, String name) {
		this.accounts = accounts;
		this.name = name;
	}

	/** A new account whose activation mail has not gone out yet. */
	String create() {
		String username = "user-" + UUID.randomUUID().toString().substring(0, 12);
		this.accounts.create(username, this.name, email(username), "{noop}unused");
		return username;
	}

	/** A new account, activated with a token as the mail's link activates it. */
	String createActivated() {
		String username = create();
		LinkToken activation = LinkToken.generate();
		this.accounts.markActivationMailSent(username, activation.hash(), Instant.now().plusSeconds(60));
		this.accounts.activate(username, activation.value());
		return username;
	}

	long balance(String username) {
		return this.accounts.find(username).orElseThrow().balanceCents();
	}

	static String email(String username) {
		return username + "@example.com";
	}

}
