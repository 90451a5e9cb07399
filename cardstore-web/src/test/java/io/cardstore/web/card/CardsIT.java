package io.cardstore.web.card;

import java.time.Duration;

import io.cardstore.market.card.Cards;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A user's cards, from the pages and the API: adding, selling, withdrawing, signing
 * uploads.
 */
@CardStoreIntegrationTest
class CardsIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@Test
	void aCardNameIsEscapedWherePagesShowIt() throws Exception {
		String username = this.testAccounts.activated();
		String script = "<script>alert('owned')</script>";

		this.mvc
			.perform(post("/api/cards").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + script.replace("'", "\\u0027") + "\"}"))
			.andExpect(status().isCreated());

		this.mvc.perform(get("/cards").with(user(username)))
			.andExpect(content().string(not(containsString(script))))
			.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")));
	}

	@Test
	void sellingAndWithdrawingFromThePage() throws Exception {
		String username = this.testAccounts.activated();
		this.cards.add(username, "Page card", null);

		this.mvc.perform(
				post("/cards/sale").with(user(username)).with(csrf()).param("name", "Page card").param("price", "12.5"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).isEqualTo(1250);

		for (String bad : new String[] { "-3", "0", "0.001", "1E+10000000", "1e2", "1000000.01", "12,5,0", "1.234,50",
				"", "99999999" }) {
			long started = System.nanoTime();
			this.mvc
				.perform(post("/cards/sale").with(user(username))
					.with(csrf())
					.param("name", "Page card")
					.param("price", bad))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Enter a price from 0.01 to 1000000.00")));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(bad).isLessThan(Duration.ofSeconds(1));
		}
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).as("nothing changed")
			.isEqualTo(1250);
		this.mvc
			.perform(post("/cards/sale").with(user(username))
				.with(csrf())
				.param("name", "Page card")
				.param("price", "1000000"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).isEqualTo(100_000_000);

		this.mvc.perform(post("/cards/withdraw").with(user(username)).with(csrf()).param("name", "Page card"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().inSale()).isFalse();
	}

	@Test
	void aBlankCardNameGets400WithTheFieldError() throws Exception {
		this.mvc
			.perform(post("/api/cards").with(user("someone"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.name").value("Give the card a name."));
	}

	@Test
	void theCardApiAddsListsSellsAndWithdraws() throws Exception {
		String username = this.testAccounts.activated();

		this.mvc
			.perform(post("/api/cards").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Api card\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.imageUrl").value("/images/default-card.svg"));
		this.mvc
			.perform(post("/api/cards").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Api card\"}"))
			.andExpect(status().isConflict());
		this.mvc
			.perform(put("/api/cards/Api card/sale").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"priceCents\": 999}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.price").value("9.99"));
		this.mvc
			.perform(put("/api/cards/Api card/sale").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"priceCents\": -1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.priceCents").exists());
		this.mvc.perform(delete("/api/cards/Api card/sale").with(user(username)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inSale").value(false));
		this.mvc
			.perform(put("/api/cards/Missing/sale").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"priceCents\": 100}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/cards").with(user(username))).andExpect(jsonPath("$[0].name").value("Api card"));
	}

	@Test
	void theUploadApiSignsOnlyAllowedImages() throws Exception {
		String username = this.testAccounts.activated();

		this.mvc
			.perform(post("/api/uploads").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contentType\":\"image/png\",\"size\":1000}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.key").value(org.hamcrest.Matchers.startsWith("cards/uploads/" + username + "/")))
			.andExpect(jsonPath("$.headers['Content-Type']").value("image/png"));
		this.mvc
			.perform(post("/api/uploads").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contentType\":\"image/svg+xml\",\"size\":1000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("UNSUPPORTED_TYPE"));
		this.mvc
			.perform(post("/api/uploads").with(user(username))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contentType\":\"image/png\",\"size\":3000000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("TOO_LARGE"));
	}

}
