package io.cardstore.web.market;

import java.security.Principal;
import java.util.Locale;

import io.cardstore.market.trade.Purchase;
import io.cardstore.market.trade.TradeRefusedException;
import io.cardstore.market.trade.Trades;
import io.cardstore.web.Money;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The market page and its Buy button. */
@Controller
class MarketPagesController {

	private final Market market;

	private final Trades trades;

	private final MessageSourceAccessor messages;

	MarketPagesController(Market market, Trades trades, MessageSourceAccessor messages) {
		this.market = market;
		this.trades = trades;
		this.messages = messages;
	}

	@GetMapping("/market")
	String market(@RequestParam(required = false) @Nullable String page, Principal user, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute("market", this.market.page(user.getName(), page));
		}
		catch (IllegalArgumentException ex) {
			// A page link that is not one of ours: 400, with the first page to go on
			// from.
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", this.messages.getMessage("market.no-such-page"));
			model.addAttribute("market", this.market.page(user.getName(), null));
		}
		return "market";
	}

	@PostMapping("/market/buy")
	String buy(@RequestParam String seller, @RequestParam String name, @RequestParam long priceCents,
			@RequestParam(defaultValue = "") String listing, Principal user, Locale locale,
			RedirectAttributes redirect) {
		try {
			Purchase purchase = this.trades.buy(user.getName(), seller, name, priceCents, listing);
			redirect.addFlashAttribute("message", this.messages.getMessage("market.bought", new Object[] { name,
					Money.format(priceCents, locale), Money.format(purchase.buyerBalanceCents(), locale) }));
		}
		catch (TradeRefusedException ex) {
			redirect.addFlashAttribute("error", this.messages.getMessage("trade." + ex.reason().name()));
		}
		return "redirect:/market";
	}

}
