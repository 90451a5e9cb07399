package io.cardstore.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts are integer cents everywhere; this turns them into text ({@code Price} reads a price). */
public final class Money {

	private Money() {
	}

	/** 12345 cents as "123.45". */
	public static String format(long cents) {
		return BigDecimal.valueOf(cents, 2).toPlainString();
	}

}
