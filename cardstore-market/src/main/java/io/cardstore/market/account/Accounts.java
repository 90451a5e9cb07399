package io.cardstore.market.account;

import java.time.Instant;
import java.util.Optional;

/**
 * The store's accounts: registration, activation, passwords and balances. Tokens of
 * activation and reset links are kept as hashes only; every change of a balance is booked
 * in the {@link Ledger} with it, so the two never disagree.
 */
public interface Accounts {

	/**
	 * Opens a new account with the opening balance. It must be activated within the
	 * unactivated lifetime, or it expires and its user name is free again.
	 * @throws UsernameTakenException if the user name is taken
	 */
	Account create(String username, String name, String email, String passwordHash);

	/** The account, read strongly consistent so that a balance is never stale. */
	Optional<Account> find(String username);

	/**
	 * Records that the activation mail is about to be sent, with the hash of its token,
	 * unless it was sent already: a redelivered request then sends no second mail.
	 * @return whether this call made the change (and so the mail must be sent)
	 */
	boolean markActivationMailSent(String username, String tokenHash, Instant expiresAt);

	/**
	 * Undoes {@link #markActivationMailSent} when the mail could not be sent, so a retry
	 * sends it.
	 */
	void unmarkActivationMailSent(String username, String tokenHash);

	/**
	 * Activates the account if the token matches and has not expired; a token works once.
	 * @param token the token from the link, of which only the hash is compared
	 */
	ActivationOutcome activate(String username, String token);

	/**
	 * Changes the password of an active account, and cancels any reset link on its way: a
	 * link asked for before the change must not undo it.
	 */
	boolean changePassword(String username, String passwordHash);

	/**
	 * Replaces the hash of the same password by a stronger one, for an active account,
	 * unless the hash changed meanwhile: a login that read the old password's hash must
	 * not bring it back over a new password.
	 * @param previousHash the hash the new one replaces
	 */
	boolean updatePasswordHash(String username, String previousHash, String passwordHash);

	/** Disables the account for good: it can no longer log in. */
	boolean disable(String username);

	/**
	 * Records the hash of a password reset link's token for an active account, unless
	 * this request was handled already (a redelivered message) or the account's current
	 * link is too recent; a newer request replaces the link.
	 * @param replaceUntil the current link is replaced only if it expires no later than
	 * this, that is, went out long enough ago: however many clients ask, the account gets
	 * mail at a bounded rate
	 * @return whether the mail is to be sent
	 */
	boolean startPasswordReset(String username, String tokenHash, Instant expiresAt, String requestId,
			Instant replaceUntil);

	/**
	 * Undoes {@link #startPasswordReset} when the mail could not be sent, so a retry
	 * sends it.
	 */
	void cancelPasswordReset(String username, String tokenHash);

	/**
	 * Whether a reset link's token is the account's current one and still valid; it stays
	 * so.
	 */
	boolean isPasswordResetValid(String username, String token);

	/**
	 * Sets a new password with the token of a reset link, if it matches and has not
	 * expired; the token works once.
	 * @param token the token from the link, of which only the hash is compared
	 * @return whether the password was set
	 */
	boolean resetPassword(String username, String token, String passwordHash);

}
