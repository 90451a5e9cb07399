package io.cardstore.web;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Amounts are integer cents everywhere; this turns them into text ({@code Price} reads a
 * price).
 */
public final class Money {

	private Money() {
	}

	/** 12345 cents as "123.45": for machines (the API) and logs. */
	public static String format(long cents) {
		return BigDecimal.valueOf(cents, 2).toPlainString();
	}

	/** 123456 cents as a person of this language writes it: "1,234.56", "1.234,56". */
	public static String format(long cents, Locale locale) {
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMinimumFractionDigits(2);
		number.setMaximumFractionDigits(2);
		return number.format(BigDecimal.valueOf(cents, 2));
	}

}
