/**
 * Accounts: registration, activation, passwords, balances and their ledger.
 */
@NullMarked
package io.cardstore.market.account;

import org.jspecify.annotations.NullMarked;
