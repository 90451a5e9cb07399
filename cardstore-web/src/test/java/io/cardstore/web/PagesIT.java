package io.cardstore.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.cardstore.market.card.Cards;
import io.cardstore.market.upload.CardImageUploads;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every page and API response has in common: login, headers, the serving instance,
 * errors.
 */
@CardStoreIntegrationTest
class PagesIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@Autowired
	CardImageUploads uploads;

	@Test
	void pagesNeedALogin() throws Exception {
		this.mvc.perform(get("/dashboard").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void theDashboardShowsTheFreshBalanceAndTheInstance() throws Exception {
		String username = this.testAccounts.activated();

		this.mvc.perform(get("/dashboard").with(user(username)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("100.00")))
			.andExpect(content().string(containsString("web-test")));
	}

	@Test
	void everyPageRenders() throws Exception {
		String username = this.testAccounts.activated();
		this.cards.add(username, "Shown", null);

		Map<String, List<String>> pages = Map.of("/dashboard", List.of("Test " + username, "100.00"), "/cards",
				List.of("My cards", "Shown"), "/cards/new", List.of("Add a card", "type=\"file\""), "/market",
				List.of("Cards on sale"), "/account", List.of("Change password", "Disable my account"),
				"/account/sessions", List.of("Your sessions"));
		pages.forEach((page, expected) -> {
			try {
				String html = this.mvc.perform(get(page).with(user(username)))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(html).as(page).contains(expected).contains("<nav class=\"nav\" aria-label=\"Store\">");
			}
			catch (Exception ex) {
				throw new AssertionError(page, ex);
			}
		});
		this.mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(containsString("Register")));
		this.mvc.perform(get("/password/forgot"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Forgot your password?")));
	}

	@Test
	void pagesForbidInlineScriptsFramingAndForeignOriginsButTheBucket() throws Exception {
		String policy = this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andReturn()
			.getResponse()
			.getHeader("Content-Security-Policy");

		assertThat(policy).contains("default-src 'self'")
			.contains("script-src 'self';")
			.contains("frame-ancestors 'none'")
			.contains("form-action 'self'")
			.doesNotContain("unsafe-inline");
		URI bucket = this.uploads.viewUrl("cards/x/y.png");
		assertThat(policy).contains("connect-src 'self' " + bucket.getScheme() + "://" + bucket.getAuthority());
	}

	@Test
	void anAnonymousApiCallGets401Json() throws Exception {
		this.mvc.perform(get("/api/cards"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(header().string("X-Served-By", "web-test"));
	}

	@Test
	void everyResponseSaysWhichInstanceServedIt() throws Exception {
		this.mvc.perform(get("/")).andExpect(header().string("X-Served-By", "web-test"));
	}

	@Test
	void malformedJsonGets400() throws Exception {
		this.mvc
			.perform(post("/api/cards").with(user("someone"))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
