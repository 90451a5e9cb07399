/**
 * Every backing service started together for a run by hand.
 */
@NullMarked
package io.cardstore.testing.backing;

import org.jspecify.annotations.NullMarked;
