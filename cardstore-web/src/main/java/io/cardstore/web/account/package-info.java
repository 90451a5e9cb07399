/**
 * Accounts as users see them: registration, activation, password reset, the account page.
 */
@NullMarked
package io.cardstore.web.account;

import org.jspecify.annotations.NullMarked;
