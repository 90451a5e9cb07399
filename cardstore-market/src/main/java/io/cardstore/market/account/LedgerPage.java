package io.cardstore.market.account;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of an account's statement, newest entry first.
 *
 * @param entries the entries on this page
 * @param next the number to ask the next (older) page before, or {@code null} on the last
 * page
 */
public record LedgerPage(List<LedgerEntry> entries, @Nullable Long next) {
}
