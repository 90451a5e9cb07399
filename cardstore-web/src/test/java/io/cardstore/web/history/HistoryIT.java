package io.cardstore.web.history;

import io.cardstore.market.card.Cards;
import io.cardstore.market.trade.Trades;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The history of an account's balance, on its page and through the API. */
@CardStoreIntegrationTest
class HistoryIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@Autowired
	Trades trades;

	@Test
	void aPurchaseShowsInTheHistoryOfBuyerAndSellerNewestFirst() throws Exception {
		String seller = this.testAccounts.activated();
		String buyer = this.testAccounts.activated();
		this.cards.add(seller, "Comet <i>", null);
		this.trades.buy(buyer, seller, "Comet <i>", 12_50, this.cards.putOnSale(seller, "Comet <i>", 12_50).listing());

		this.mvc.perform(get("/history").with(user(buyer)))
			.andExpect(status().isOk())
			.andExpect(content().string(matchesPattern("(?s).*<time datetime=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\">"
					+ "[A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d\\d.[AP]M UTC</time></td>\\s*<td>Bought &#39;Comet &lt;i&gt;&#39; from "
					+ seller + "</td>\\s*<td class=\"amount debit\">-12.50</td>\\s*<td class=\"amount\">87.50</td>"
					+ ".*Opening balance</td>\\s*<td class=\"amount credit\">\\+100.00</td>\\s*<td class=\"amount\">100.00</td>.*")))
			.andExpect(content().string(not(containsString("Older entries"))));
		this.mvc.perform(get("/history").with(user(seller)))
			.andExpect(content().string(containsString("Sold &#39;Comet &lt;i&gt;&#39; to " + buyer)))
			.andExpect(content().string(containsString("+12.50")));

		this.mvc.perform(get("/api/history").with(user(buyer)).param("size", "1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.entries.length()").value(1))
			.andExpect(jsonPath("$.entries[0].number").value(2))
			.andExpect(jsonPath("$.entries[0].kind").value("PURCHASE"))
			.andExpect(jsonPath("$.entries[0].card").value("Comet <i>"))
			.andExpect(jsonPath("$.entries[0].counterparty").value(seller))
			.andExpect(jsonPath("$.entries[0].amountCents").value(-12_50))
			.andExpect(jsonPath("$.entries[0].balanceCents").value(87_50))
			.andExpect(jsonPath("$.entries[0].at").value(matchesPattern("\\d{4}-\\d\\d-\\d\\dT.+Z")))
			.andExpect(jsonPath("$.next").value(2));
		this.mvc.perform(get("/api/history").with(user(buyer)).param("before", "2"))
			.andExpect(jsonPath("$.entries[0].kind").value("OPENING"))
			.andExpect(jsonPath("$.entries[0].balanceCents").value(100_00))
			.andExpect(jsonPath("$.next").doesNotExist());
	}

	@Test
	void aHistoryPageThatCannotBeIsRefusedWith400() throws Exception {
		String user = this.testAccounts.activated();

		this.mvc.perform(get("/history").with(user(user)).param("before", "1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This page of your history does not exist")))
			.andExpect(content().string(containsString("Opening balance")));
		for (String[] query : new String[][] { { "before", "0" }, { "before", "x" }, { "size", "0" },
				{ "size", "101" } }) {
			this.mvc.perform(
					get("/api/history").with(user(user)).param(query[0], query[1]).accept(MediaType.APPLICATION_JSON))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void nobodyAnonymousSeesAHistory() throws Exception {
		this.mvc.perform(get("/api/history")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/history").accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
	}

}
