package io.cardstore.market.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of an account's statement: a change of its balance and the balance it left.
 *
 * @param number the entry's place in the account's statement, from 1 (the opening
 * balance)
 * @param at when it was booked
 * @param kind what moved the money
 * @param card the card bought or sold, or {@code null} for the opening balance
 * @param counterparty the other account's user name, or {@code null} for the opening
 * balance
 * @param amountCents what the balance gained (negative: lost), in cents
 * @param balanceCents the balance after this entry, in cents
 */
public record LedgerEntry(long number, Instant at, Kind kind, @Nullable String card, @Nullable String counterparty,
		long amountCents, long balanceCents) {

	/** What moved the money. */
	public enum Kind {

		/**
		 * The balance an account opened with, or had when the ledger began for accounts
		 * older than it.
		 */
		OPENING,

		/** A card bought: the price paid to {@code counterparty}. */
		PURCHASE,

		/** A card sold: the price received from {@code counterparty}. */
		SALE

	}

}
