package io.cardstore.web.card;

import java.security.Principal;
import java.util.Locale;

import io.cardstore.market.card.Card;
import io.cardstore.market.card.CardNotFoundException;
import io.cardstore.market.card.Cards;
import io.cardstore.web.Money;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** My cards: list, put on sale, withdraw; and the page that adds a card. */
@Controller
class CardPagesController {

	private final CardViews views;

	private final Cards cards;

	private final MessageSourceAccessor messages;

	CardPagesController(CardViews views, Cards cards, MessageSourceAccessor messages) {
		this.views = views;
		this.cards = cards;
		this.messages = messages;
	}

	@GetMapping("/cards")
	String myCards(Principal user, Model model) {
		model.addAttribute("cards", this.views.ownedBy(user.getName()));
		return "cards";
	}

	@GetMapping("/cards/new")
	String newCard(Model model) {
		DataSize maxSize = this.views.maxImageSize();
		model.addAttribute("maxImageBytes", maxSize.toBytes());
		model.addAttribute("maxImageSize", inWords(maxSize));
		return "new-card";
	}

	/** "2 MB", "512 KB": the largest image as the page says it. */
	static String inWords(DataSize size) {
		long bytes = size.toBytes();
		if (bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MB";
		}
		return (bytes % 1024 == 0) ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

	@PostMapping("/cards/sale")
	String putOnSale(@RequestParam String name, @RequestParam String price, Principal user, Locale locale,
			RedirectAttributes redirect, Model model, HttpServletResponse response) {
		Price parsed;
		try {
			parsed = Price.parse(price);
		}
		catch (IllegalArgumentException ex) {
			// Bad input is a 400 that changes nothing, with the page and what to type
			// instead.
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", this.messages.getMessage("price.invalid"));
			return myCards(user, model);
		}
		try {
			Card card = this.cards.putOnSale(user.getName(), name, parsed.priceCents());
			redirect.addFlashAttribute("message", this.messages.getMessage("cards.put-on-sale",
					new Object[] { name, Money.format(card.priceCents(), locale) }));
		}
		catch (CardNotFoundException ex) {
			redirect.addFlashAttribute("error",
					this.messages.getMessage("cards.not-found", new Object[] { ex.name() }));
		}
		return "redirect:/cards";
	}

	@PostMapping("/cards/withdraw")
	String withdraw(@RequestParam String name, Principal user, RedirectAttributes redirect) {
		try {
			this.cards.withdraw(user.getName(), name);
			redirect.addFlashAttribute("message", this.messages.getMessage("cards.withdrawn", new Object[] { name }));
		}
		catch (CardNotFoundException ex) {
			redirect.addFlashAttribute("error",
					this.messages.getMessage("cards.not-found", new Object[] { ex.name() }));
		}
		return "redirect:/cards";
	}

}
