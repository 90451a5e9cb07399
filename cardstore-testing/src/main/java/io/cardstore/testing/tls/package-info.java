/**
 * Throw-away certificates and PEM files for TLS servers in tests.
 */
@NullMarked
package io.cardstore.testing.tls;

import org.jspecify.annotations.NullMarked;
