package io.cardstore.web.login;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * Every permit to hash a password is taken and none came free within the short wait: the
 * request is refused with 503 and Retry-After rather than queued (a queue of logins would
 * hold request threads, and a replica that holds them all serves nothing while it looks
 * healthy).
 */
public class HashingBusyException extends AuthenticationServiceException {

	/** What the client is told to wait before trying again. */
	public static final int RETRY_AFTER_SECONDS = 1;

	public HashingBusyException() {
		super("Too many passwords are being checked at once; try again in a moment");
	}

}
