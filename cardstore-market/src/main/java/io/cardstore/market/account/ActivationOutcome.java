package io.cardstore.market.account;

/** What opening an activation link did. */
public enum ActivationOutcome {

	ACTIVATED, ALREADY_ACTIVE, UNKNOWN_USER, INVALID_TOKEN, EXPIRED_TOKEN

}
