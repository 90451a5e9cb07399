/**
 * Logging in: the security filter chain, login throttling, password hashing and checks.
 */
@NullMarked
package io.cardstore.web.login;

import org.jspecify.annotations.NullMarked;
