package io.cardstore.web.card;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import io.cardstore.market.card.Card;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * A sale price, the same for the page and the API: more than nothing, at most
 * 1,000,000.00.
 *
 * @param priceCents the price in cents
 */
public record Price(
		@Positive(message = "{price.invalid}") @Max(value = MAX_CENTS, message = "{price.invalid}") long priceCents) {

	static final long MAX_CENTS = Card.MAX_PRICE_CENTS;

	/**
	 * Why a text is not a price, in English; pages and the API say it from
	 * {@code price.invalid}.
	 */
	static final String MESSAGE = "Enter a price from 0.01 to 1000000.00, such as 12.50.";

	/**
	 * Digits, and at most two decimals after a point or a comma (as German writes them):
	 * no sign, no exponent, no grouping, nothing long to work through.
	 */
	private static final Pattern AMOUNT = Pattern.compile("\\d{1,7}([.,]\\d{1,2})?");

	/**
	 * The price a form field gives, such as {@code 12.5} or {@code 12,50}.
	 * @throws IllegalArgumentException with {@link #MESSAGE} for anything else
	 */
	public static Price parse(String text) {
		String amount = (text != null) ? text.strip() : "";
		if (amount.length() > 10 || !AMOUNT.matcher(amount).matches()) {
			throw new IllegalArgumentException(MESSAGE);
		}
		long cents = new BigDecimal(amount.replace(',', '.')).movePointRight(2).longValueExact();
		if (cents <= 0 || cents > MAX_CENTS) {
			throw new IllegalArgumentException(MESSAGE);
		}
		return new Price(cents);
	}

}
