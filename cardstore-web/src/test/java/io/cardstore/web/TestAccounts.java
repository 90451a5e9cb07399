package io.cardstore.web;

import java.time.Instant;
import java.util.UUID;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.activation.ActivationToken;

import org.springframework.security.crypto.password.PasswordEncoder;

/** Opens activated accounts for tests, the way registration and the mail link do. */
final class TestAccounts {

	static final String PASSWORD = "correct horse battery";

	private TestAccounts() {
	}

	static String newUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	static String activated(Accounts accounts, PasswordEncoder passwords) {
		String username = newUsername();
		accounts.create(username, "Test " + username, username + "@example.com", passwords.encode(PASSWORD));
		ActivationToken token = ActivationToken.generate();
		accounts.markActivationMailSent(username, token.hash(), Instant.now().plusSeconds(3600));
		accounts.activate(username, token.hash());
		return username;
	}

}
