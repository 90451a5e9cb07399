package io.cardstore.web.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.cardstore.market.account.LedgerEntry;
import io.cardstore.web.Money;
import org.jspecify.annotations.Nullable;

/**
 * One line of the history page, formatted for the reader's language; the page words it
 * from {@code history.<kind>} with the card and the other party.
 *
 * @param iso the instant of the entry, for {@code <time datetime>}
 * @param when the date and time in UTC, as the language writes them
 * @param kind what moved the money
 * @param card the card bought or sold, or {@code null}
 * @param counterparty the other party, or {@code null}
 * @param amount the change of the balance, signed ("+40.00", "-40.00")
 * @param balance the balance after it
 * @param credit whether money came in
 */
record HistoryRow(String iso, String when, LedgerEntry.Kind kind, @Nullable String card, @Nullable String counterparty,
		String amount, String balance, boolean credit) {

	static HistoryRow of(LedgerEntry entry, Locale locale) {
		DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale)
			.withZone(ZoneOffset.UTC);
		String amount = ((entry.amountCents() >= 0) ? "+" : "-") + Money.format(Math.abs(entry.amountCents()), locale);
		return new HistoryRow(entry.at().toString(), when.format(entry.at()), entry.kind(), entry.card(),
				entry.counterparty(), amount, Money.format(entry.balanceCents(), locale), entry.amountCents() >= 0);
	}

}
