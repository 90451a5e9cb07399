package io.cardstore.web.card;

import java.util.List;

import io.cardstore.aws.card.Card;
import io.cardstore.aws.card.CardNameTakenException;
import io.cardstore.aws.card.Cards;
import io.cardstore.aws.upload.CardImageUploads;
import io.cardstore.web.Money;

import org.springframework.stereotype.Service;

/** A user's cards as the pages and the API show them, and adding one with its uploaded image. */
@Service
public class CardViews {

	static final String DEFAULT_IMAGE = "/images/default-card.svg";

	private final Cards cards;

	private final CardImageUploads uploads;

	CardViews(Cards cards, CardImageUploads uploads) {
		this.cards = cards;
		this.uploads = uploads;
	}

	public List<CardView> ownedBy(String owner) {
		return this.cards.ownedBy(owner).stream().map(this::view).toList();
	}

	/**
	 * Adds a card; an uploaded image is checked first, and deleted if the card cannot be saved.
	 */
	public CardView add(String owner, String name, String imageKey) {
		String key = (imageKey == null || imageKey.isBlank()) ? null : this.uploads.verify(owner, imageKey).key();
		try {
			return view(this.cards.add(owner, name.strip(), key));
		}
		catch (CardNameTakenException ex) {
			if (key != null) {
				this.uploads.delete(key);
			}
			throw ex;
		}
	}

	public CardView view(Card card) {
		String image = (card.imageKey() != null) ? this.uploads.viewUrl(card.imageKey()).toString() : DEFAULT_IMAGE;
		return new CardView(card.owner(), card.name(), card.loadedAt(), image, card.inSale(), card.priceCents(),
				card.inSale() ? Money.format(card.priceCents()) : null);
	}

}
