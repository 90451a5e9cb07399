package io.cardstore.web.market;

import java.security.Principal;

import io.cardstore.market.trade.Purchase;
import io.cardstore.market.trade.Trades;
import io.cardstore.web.card.CardView;
import io.cardstore.web.card.CardViews;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The market and purchases, as JSON. */
@RestController
class MarketApiController {

	private final Market market;

	private final Trades trades;

	private final CardViews views;

	MarketApiController(Market market, Trades trades, CardViews views) {
		this.market = market;
		this.trades = trades;
		this.views = views;
	}

	@GetMapping("/api/market")
	MarketView market(@RequestParam(required = false) @Nullable String page, Principal user) {
		return this.market.page(user.getName(), page);
	}

	@PostMapping("/api/trades")
	@ResponseStatus(HttpStatus.CREATED)
	Receipt buy(@Valid @RequestBody PurchaseRequest purchase, Principal user) {
		Purchase done = this.trades.buy(user.getName(), purchase.seller(), purchase.name(), purchase.priceCents(),
				purchase.listing());
		return new Receipt(this.views.view(done.card()), done.seller(), done.priceCents(), done.buyerBalanceCents());
	}

	/**
	 * A purchase made.
	 *
	 * @param card the card, now the buyer's
	 * @param seller who sold it
	 * @param priceCents what it cost
	 * @param balanceCents the buyer's balance now
	 */
	record Receipt(CardView card, String seller, long priceCents, long balanceCents) {
	}

}
