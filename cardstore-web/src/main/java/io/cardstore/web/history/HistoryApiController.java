package io.cardstore.web.history;

import java.security.Principal;

import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The account's history as JSON: amounts in cents, times as instants, newest first. */
@RestController
class HistoryApiController {

	private final Ledger ledger;

	HistoryApiController(Ledger ledger) {
		this.ledger = ledger;
	}

	/** A page that cannot be, or a size out of bounds, is a 400 problem. */
	@GetMapping("/api/history")
	LedgerPage history(@RequestParam(required = false) @Min(2) @Nullable Long before,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Ledger.MAX_PAGE_SIZE) int size, Principal user) {
		return this.ledger.page(user.getName(), size, before);
	}

}
