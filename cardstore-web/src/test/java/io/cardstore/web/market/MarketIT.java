package io.cardstore.web.market;

import io.cardstore.market.card.Cards;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Buying from the market, from the page and the API. */
@CardStoreIntegrationTest
class MarketIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@Test
	void buyingFromTheMarketPageShowsTheNewBalance() throws Exception {
		String seller = this.testAccounts.activated();
		String buyer = this.testAccounts.activated();
		this.cards.add(seller, "Market card", null);
		String listing = this.cards.putOnSale(seller, "Market card", 30_00).listing();

		this.mvc.perform(get("/market").with(user(buyer)))
			.andExpect(content().string(containsString("Market card")))
			.andExpect(content().string(containsString("name=\"listing\" value=\"" + listing + "\"")));
		this.mvc
			.perform(post("/market/buy").with(user(buyer))
				.with(csrf())
				.param("seller", seller)
				.param("name", "Market card")
				.param("priceCents", "3000")
				.param("listing", listing))
			.andExpect(redirectedUrl("/market"))
			.andExpect(result -> assertThat(result.getFlashMap().get("message")).asString()
				.contains("Your balance is now 70.00"));
	}

	@Test
	void theTradeApiAnswersWithTheRightStatus() throws Exception {
		String seller = this.testAccounts.activated();
		String buyer = this.testAccounts.activated();
		this.cards.add(seller, "Traded", null);
		String listing = this.cards.putOnSale(seller, "Traded", 25_00).listing();
		String purchase = "{\"seller\":\"" + seller + "\",\"name\":\"Traded\",\"priceCents\":2500,\"listing\":\""
				+ listing + "\"}";

		this.mvc
			.perform(post("/api/trades").with(user(seller))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(purchase))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.reason").value("OWN_CARD"));
		this.mvc.perform(get("/api/market").with(user(buyer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Traded")))
			.andExpect(content().string(containsString("\"listing\":\"" + listing + "\"")));
		this.mvc
			.perform(post("/api/trades").with(user(buyer))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(purchase))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.balanceCents").value(75_00));
		this.mvc
			.perform(post("/api/trades").with(user(buyer))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(purchase))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.reason").value("CARD_NOT_FOUND"));
	}

}
