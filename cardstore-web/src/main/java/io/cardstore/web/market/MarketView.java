package io.cardstore.web.market;

import java.util.List;

import io.cardstore.web.card.CardView;
import org.jspecify.annotations.Nullable;

/**
 * A page of the market.
 *
 * @param cards others' cards on sale
 * @param next the token of the next page, or {@code null}
 */
public record MarketView(List<CardView> cards, @Nullable String next) {
}
