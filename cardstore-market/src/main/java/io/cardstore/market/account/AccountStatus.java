package io.cardstore.market.account;

/** Where an account stands: on its way to activation, active, or disabled. */
public enum AccountStatus {

	/** Registered; the activation mail is not sent yet. */
	NEW,

	/** The activation mail is sent; waiting for the link to be opened. */
	MAIL_SENT,

	/** Activated: the user may log in. */
	ACTIVE,

	/** Disabled: it cannot log in, and its sessions have been ended. */
	DISABLED

}
