/**
 * A TCP proxy for tests of the network failures a stopped server cannot show.
 */
@NullMarked
package io.cardstore.testing.net;

import org.jspecify.annotations.NullMarked;
