package io.cardstore.market.card;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A card. Its name is unique among its owner's cards.
 *
 * @param owner the user name of the owner
 * @param name the card's name
 * @param imageKey the S3 key of its image, one the application owns and no user can name
 * (it stays with the card when the card changes hands), or {@code null} for the default
 * image
 * @param loadedAt when it was added
 * @param inSale whether it is on sale
 * @param priceCents its price in cents while on sale, else 0
 * @param listing names this offer while on sale, else {@code null}: a new one each time
 * the card is put on sale or repriced, so that a purchase buys the offer the buyer saw
 * and not another card of the same name and price put in its place
 */
public record Card(String owner, String name, @Nullable String imageKey, Instant loadedAt, boolean inSale,
		long priceCents, @Nullable String listing) {

	/** The longest name a card may have. */
	public static final int MAX_NAME_LENGTH = 60;

	/** The highest price a card may be sold for: 1,000,000.00. */
	public static final long MAX_PRICE_CENTS = 100_000_000;

}
