package io.cardstore.web.card;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A card as pages and the API show it.
 *
 * @param owner who owns it
 * @param name its name
 * @param loadedAt when it was added
 * @param imageUrl where the browser loads its image
 * @param inSale whether it is on sale
 * @param priceCents its price in cents while on sale
 * @param price the same, as text
 * @param listing names the offer while on sale, to buy it (see {@code POST /api/trades})
 */
public record CardView(String owner, String name, Instant loadedAt, String imageUrl, boolean inSale, long priceCents,
		@Nullable String price, @Nullable String listing) {
}
