package io.cardstore.session;

import java.time.Duration;

/**
 * How the store treats sessions.
 *
 * @param namespace the prefix of the store's keys
 * @param defaultMaxInactiveInterval the idle timeout of a new session
 * @param absoluteLifetime how long a session may live however active it is
 * @param touchInterval how often, at most, a request that changes nothing writes the last
 * access time
 */
record SessionStoreSettings(String namespace, Duration defaultMaxInactiveInterval, Duration absoluteLifetime,
		Duration touchInterval) {
}
