package io.cardstore.web.card;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;

/**
 * A sale price.
 *
 * @param priceCents the price in cents
 */
public record Price(@Positive(message = "A price must be positive.") @Max(value = 100_000_000,
		message = "At most 1,000,000.00.") long priceCents) {
}
