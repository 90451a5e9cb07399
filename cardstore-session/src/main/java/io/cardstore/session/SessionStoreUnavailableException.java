package io.cardstore.session;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The session store cannot serve now: Redis is unreachable, did not answer in time, or
 * answered that it cannot serve (loading, failing over, out of memory, refusing the
 * credentials). Requests then get the quick 503 page.
 */
public final class SessionStoreUnavailableException extends DataAccessResourceFailureException {

	SessionStoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
