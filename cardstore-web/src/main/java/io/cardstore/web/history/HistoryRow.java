package io.cardstore.web.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.cardstore.aws.account.LedgerEntry;
import io.cardstore.web.Money;

/**
 * One line of the history page, as a person reads it.
 *
 * @param iso the instant of the entry, for {@code <time datetime>}
 * @param when the date and time in UTC
 * @param description what happened: the opening balance, or the card bought from or sold to whom
 * @param amount the change of the balance, signed ("+40.00", "-40.00")
 * @param balance the balance after it
 * @param credit whether money came in
 */
record HistoryRow(String iso, String when, String description, String amount, String balance, boolean credit) {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static HistoryRow of(LedgerEntry entry) {
		String description = switch (entry.kind()) {
			case OPENING -> "Opening balance";
			case PURCHASE -> "Bought '" + entry.card() + "' from " + entry.counterparty();
			case SALE -> "Sold '" + entry.card() + "' to " + entry.counterparty();
		};
		String amount = ((entry.amountCents() >= 0) ? "+" : "-") + Money.format(Math.abs(entry.amountCents()));
		return new HistoryRow(entry.at().toString(), WHEN.format(entry.at()), description, amount,
				Money.format(entry.balanceCents()), entry.amountCents() >= 0);
	}

}
