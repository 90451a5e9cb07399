package io.cardstore.web.history;

import java.security.Principal;
import java.util.Locale;

import io.cardstore.market.account.Ledger;
import io.cardstore.market.account.LedgerPage;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account's history page: every purchase and sale with the balance it left, from the
 * ledger, newest first, a page at a time.
 */
@Controller
class HistoryPagesController {

	/** Entries on a page of the history page. */
	static final int PAGE_SIZE = 20;

	private final Ledger ledger;

	private final MessageSourceAccessor messages;

	HistoryPagesController(Ledger ledger, MessageSourceAccessor messages) {
		this.ledger = ledger;
		this.messages = messages;
	}

	@GetMapping("/history")
	String history(@RequestParam(required = false) @Nullable Long before, Principal user, Locale locale, Model model,
			HttpServletResponse response) {
		LedgerPage page;
		try {
			page = this.ledger.page(user.getName(), PAGE_SIZE, before);
		}
		catch (IllegalArgumentException ex) {
			// A page link that is not one of ours: 400, with the newest page to go on
			// from.
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", this.messages.getMessage("history.no-such-page"));
			page = this.ledger.page(user.getName(), PAGE_SIZE, null);
			before = null;
		}
		model.addAttribute("rows", page.entries().stream().map(entry -> HistoryRow.of(entry, locale)).toList());
		model.addAttribute("next", page.next());
		model.addAttribute("newest", before == null);
		return "history";
	}

}
