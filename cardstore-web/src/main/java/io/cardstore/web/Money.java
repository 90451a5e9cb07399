package io.cardstore.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts are integer cents everywhere; this turns them into text and back. */
public final class Money {

	private Money() {
	}

	/** 12345 cents as "123.45". */
	public static String format(long cents) {
		return BigDecimal.valueOf(cents, 2).toPlainString();
	}

	/**
	 * "12.5" as 1250 cents.
	 * @throws IllegalArgumentException for text that is not a positive amount with at most two decimals
	 */
	public static long parse(String amount) {
		try {
			BigDecimal value = new BigDecimal(amount.trim());
			if (value.signum() <= 0 || value.scale() > 2) {
				throw new IllegalArgumentException("Not a positive amount with at most two decimals: " + amount);
			}
			return value.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException("Not an amount: " + amount, ex);
		}
	}

}
