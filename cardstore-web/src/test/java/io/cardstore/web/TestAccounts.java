package io.cardstore.web;

import java.time.Instant;
import java.util.UUID;

import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.mail.LinkToken;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Activated accounts for tests, opened the way registration and the mail link open them.
 * Integration tests get one injected ({@link CardStoreIntegrationTest} imports it).
 */
public class TestAccounts {

	public static final String PASSWORD = "correct horse battery";

	private final Accounts accounts;

	private final PasswordEncoder passwords;

	public TestAccounts(Accounts accounts, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	public static String newUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** A new activated account whose password is {@link #PASSWORD}. */
	public String activated() {
		return activatedWithHash(this.passwords.encode(PASSWORD));
	}

	/** A new activated account whose password has this hash, such as one of an older format. */
	public String activatedWithHash(String passwordHash) {
		String username = newUsername();
		return activated(username, "Test " + username, passwordHash);
	}

	/** A new activated account with this name and password hash. */
	public String activated(String username, String name, String passwordHash) {
		this.accounts.create(username, name, username + "@example.com", passwordHash);
		LinkToken token = LinkToken.generate();
		this.accounts.markActivationMailSent(username, token.hash(), Instant.now().plusSeconds(3600));
		this.accounts.activate(username, token.value());
		return username;
	}

}
