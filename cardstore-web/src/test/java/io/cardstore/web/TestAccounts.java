package io.cardstore.web;

import java.time.Instant;
import java.util.UUID;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.mail.LinkToken;

import org.springframework.security.crypto.password.PasswordEncoder;

/** Opens activated accounts for tests, the way registration and the mail link do. */
public final class TestAccounts {

	public static final String PASSWORD = "correct horse battery";

	private TestAccounts() {
	}

	public static String newUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	public static String activated(Accounts accounts, PasswordEncoder passwords) {
		return activatedWithHash(accounts, passwords.encode(PASSWORD));
	}

	/** An activated account whose password has this hash, such as one of an older format. */
	public static String activatedWithHash(Accounts accounts, String passwordHash) {
		String username = newUsername();
		accounts.create(username, "Test " + username, username + "@example.com", passwordHash);
		LinkToken token = LinkToken.generate();
		accounts.markActivationMailSent(username, token.hash(), Instant.now().plusSeconds(3600));
		accounts.activate(username, token.value());
		return username;
	}

}
