package io.cardstore.market.card;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The store's cards, each owned by one account under a name of its own; those on sale,
 * with a price and a listing, make the market.
 */
public interface Cards {

	/**
	 * Adds a card, not on sale, with the image of that key, or with the default image for
	 * {@code null}.
	 * @throws CardNameTakenException if the owner has a card of that name
	 */
	Card add(String owner, String name, @Nullable String imageKey);

	Optional<Card> find(String owner, String name);

	/** The owner's cards, by name. */
	List<Card> ownedBy(String owner);

	/**
	 * A page of the cards on sale, everyone's, by owner and name: the first for a
	 * {@code null} or blank token, else the one {@link CardPage#next()} names.
	 */
	CardPage onSale(int pageSize, @Nullable String pageToken);

	/**
	 * Puts the owner's card on sale at a price, or changes its price.
	 * @throws CardNotFoundException if the owner has no such card
	 * @throws IllegalArgumentException for a price that is not from 1 cent to
	 * {@link Card#MAX_PRICE_CENTS}
	 */
	Card putOnSale(String owner, String name, long priceCents);

	/**
	 * Takes the owner's card off sale.
	 * @throws CardNotFoundException if the owner has no such card
	 */
	Card withdraw(String owner, String name);

}
