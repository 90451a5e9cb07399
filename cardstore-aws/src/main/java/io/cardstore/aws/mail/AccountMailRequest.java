package io.cardstore.aws.mail;

import java.util.Locale;
import java.util.UUID;

/**
 * A message on the account mail queue: send this account its activation or password reset
 * mail. The links in the mail are built from the configured public address, never from
 * the request that asked for the mail.
 *
 * @param username the account
 * @param purpose which mail
 * @param requestId tells a redelivered request from a new one, so each request sends one
 * mail
 * @param language the language of the page that asked for the mail, as a language tag;
 * none (a request queued by an earlier version) means English
 */
public record AccountMailRequest(String username, Purpose purpose, String requestId, String language) {

	public static AccountMailRequest activation(String username, Locale locale) {
		return new AccountMailRequest(username, Purpose.ACTIVATION, UUID.randomUUID().toString(),
				locale.toLanguageTag());
	}

	public static AccountMailRequest passwordReset(String username, Locale locale) {
		return new AccountMailRequest(username, Purpose.PASSWORD_RESET, UUID.randomUUID().toString(),
				locale.toLanguageTag());
	}

	/** The language to write the mail in. */
	public Locale locale() {
		return (this.language != null && !this.language.isBlank()) ? Locale.forLanguageTag(this.language)
				: Locale.ENGLISH;
	}

	/** Which mail to send. */
	public enum Purpose {

		/** The link that activates a new account. */
		ACTIVATION,

		/** The link that sets a new password for a forgotten one. */
		PASSWORD_RESET

	}

}
