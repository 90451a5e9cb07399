package io.cardstore.market.account;

import org.jspecify.annotations.Nullable;

/**
 * Each account's statement: one entry per change of its balance, written with the change
 * (the opening balance with the account, the others with a purchase), so the entries of
 * an account add up to its balance.
 */
public interface Ledger {

	/** The largest page {@link #page} returns. */
	int MAX_PAGE_SIZE = 100;

	/**
	 * A page of the account's statement, newest first, strongly consistent.
	 * @param size how many entries at most, 1 to {@value #MAX_PAGE_SIZE}
	 * @param before the {@link LedgerPage#next()} of the page before, or {@code null} for
	 * the newest
	 * @throws IllegalArgumentException if the size or the page is not one there can be
	 */
	LedgerPage page(String username, int size, @Nullable Long before);

}
