/**
 * A mail catcher for tests and local runs.
 */
@NullMarked
package io.cardstore.testing.mail;

import org.jspecify.annotations.NullMarked;
