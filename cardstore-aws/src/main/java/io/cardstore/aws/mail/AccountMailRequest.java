package io.cardstore.aws.mail;

import java.util.UUID;

/**
 * A message on the account mail queue: send this account its activation or password reset
 * mail. The links in the mail are built from the configured public address, never from the
 * request that asked for the mail.
 *
 * @param username the account
 * @param purpose which mail
 * @param requestId tells a redelivered request from a new one, so each request sends one mail
 */
public record AccountMailRequest(String username, Purpose purpose, String requestId) {

	public static AccountMailRequest activation(String username) {
		return new AccountMailRequest(username, Purpose.ACTIVATION, UUID.randomUUID().toString());
	}

	public static AccountMailRequest passwordReset(String username) {
		return new AccountMailRequest(username, Purpose.PASSWORD_RESET, UUID.randomUUID().toString());
	}

	/** Which mail to send. */
	public enum Purpose {

		/** The link that activates a new account. */
		ACTIVATION,

		/** The link that sets a new password for a forgotten one. */
		PASSWORD_RESET

	}

}
