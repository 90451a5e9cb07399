package io.cardstore.market.card;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of cards.
 *
 * @param cards the cards on this page
 * @param next the token of the next page, or {@code null} on the last page
 */
public record CardPage(List<Card> cards, @Nullable String next) {
}
