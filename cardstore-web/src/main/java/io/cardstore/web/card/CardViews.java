package io.cardstore.web.card;

import java.util.List;

import io.cardstore.market.card.Card;
import io.cardstore.market.card.Cards;
import io.cardstore.market.upload.CardImageUploads;
import io.cardstore.web.Money;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * A user's cards as the pages and the API show them, and adding one with its uploaded
 * image.
 */
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
	 * Adds a card with the image the owner uploaded, if any: the upload is claimed first
	 * (it then lives under a key of the application's own), and that copy is deleted if
	 * the card cannot be saved.
	 */
	public CardView add(String owner, String name, @Nullable String uploadKey) {
		String imageKey = (uploadKey == null || uploadKey.isBlank()) ? null
				: this.uploads.claim(owner, uploadKey).key();
		Card card;
		try {
			card = this.cards.add(owner, name.strip(), imageKey);
		}
		catch (RuntimeException ex) {
			if (imageKey != null) {
				discard(imageKey, ex);
			}
			throw ex;
		}
		return view(card);
	}

	/** The largest image an upload may be. */
	public DataSize maxImageSize() {
		return DataSize.ofBytes(this.uploads.maxBytes());
	}

	public CardView view(Card card) {
		String image = (card.imageKey() != null) ? this.uploads.viewUrl(card.imageKey()).toString() : DEFAULT_IMAGE;
		return new CardView(card.owner(), card.name(), card.loadedAt(), image, card.inSale(), card.priceCents(),
				card.inSale() ? Money.format(card.priceCents()) : null, card.listing());
	}

	private void discard(String imageKey, RuntimeException failure) {
		try {
			this.uploads.deleteImage(imageKey);
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

}
