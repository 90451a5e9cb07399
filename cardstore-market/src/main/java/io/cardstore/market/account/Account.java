package io.cardstore.market.account;

/**
 * A user's account. Money is in cents.
 *
 * @param username the unique user name
 * @param name the name shown to the user
 * @param email where activation mail goes
 * @param passwordHash the encoded password, never the password
 * @param balanceCents the balance, in cents
 * @param status where the account stands on its way to activation
 * @param credentialVersion counts the changes that must end every session: a new password
 * (changed or reset) and disabling; a login holds on to the version it saw
 * @param ledgerEntries how many entries the account's statement has, the number of the
 * last one (0 for an account opened before the ledger, whose first trade books its
 * balance first)
 */
public record Account(String username, String name, String email, String passwordHash, long balanceCents,
		AccountStatus status, long credentialVersion, long ledgerEntries) {

	/** What a new account starts with unless configured otherwise: 100.00. */
	public static final long OPENING_BALANCE_CENTS = 100_00;

}
