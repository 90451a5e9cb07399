package io.cardstore.web.market;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * A purchase as the buyer asks for it, with the price they saw.
 *
 * @param seller the card's owner
 * @param name the card's name
 * @param priceCents the price the buyer agreed to
 * @param listing the offer the buyer saw (the card's {@code listing} in the market)
 */
public record PurchaseRequest(@NotBlank String seller, @NotBlank String name, @Positive long priceCents,
		@NotBlank String listing) {
}
