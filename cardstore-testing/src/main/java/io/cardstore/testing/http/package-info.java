/**
 * An HTTP client for tests that keeps cookies as a browser does.
 */
@NullMarked
package io.cardstore.testing.http;

import org.jspecify.annotations.NullMarked;
