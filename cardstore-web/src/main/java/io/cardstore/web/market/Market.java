package io.cardstore.web.market;

import io.cardstore.market.card.CardPage;
import io.cardstore.market.card.Cards;
import io.cardstore.web.card.CardViews;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/** Others' cards on sale, page by page. */
@Service
class Market {

	static final int PAGE_SIZE = 24;

	private final Cards cards;

	private final CardViews views;

	Market(Cards cards, CardViews views) {
		this.cards = cards;
		this.views = views;
	}

	MarketView page(String viewer, @Nullable String pageToken) {
		CardPage page = this.cards.onSale(PAGE_SIZE, pageToken);
		return new MarketView(
				page.cards().stream().filter(card -> !card.owner().equals(viewer)).map(this.views::view).toList(),
				page.next());
	}

}
