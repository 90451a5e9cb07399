package io.cardstore.web.card;

import java.security.Principal;
import java.util.List;

import io.cardstore.market.card.Cards;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The user's cards, as JSON. */
@RestController
@RequestMapping("/api/cards")
class CardApiController {

	private final CardViews views;

	private final Cards cards;

	CardApiController(CardViews views, Cards cards) {
		this.views = views;
		this.cards = cards;
	}

	@GetMapping
	List<CardView> mine(Principal user) {
		return this.views.ownedBy(user.getName());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CardView add(@Valid @RequestBody NewCard card, Principal user) {
		return this.views.add(user.getName(), card.name(), card.imageKey());
	}

	@PutMapping("/{name}/sale")
	CardView putOnSale(@PathVariable String name, @Valid @RequestBody Price price, Principal user) {
		return this.views.view(this.cards.putOnSale(user.getName(), name, price.priceCents()));
	}

	@DeleteMapping("/{name}/sale")
	CardView withdraw(@PathVariable String name, Principal user) {
		return this.views.view(this.cards.withdraw(user.getName(), name));
	}

}
