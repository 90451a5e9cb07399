package io.cardstore.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Whatever a request sends where a user name, card name or page token belongs, the answer
 * is a 4xx with the page's own error (never a 500), nothing reaches DynamoDB that cannot
 * be a key, and nothing is logged as an error.
 */
@CardStoreIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedInputIT {

	static final String LONG_NAME = "a".repeat(3000);

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Test
	void aPageTokenThatIsNotOursShowsTheFirstPageWith400(CapturedOutput output) throws Exception {
		String viewer = this.testAccounts.activated();
		List<String> tokens = List.of("YQBi", "not a token!", "x".repeat(600), token("owner", "a", "name", "b"),
				token("cardId", "a/b", "name", "b", "owner", "a", "saleKey", "SOLD"),
				token("cardId", "x/y", "name", "y", "owner", LONG_NAME.substring(0, 40), "saleKey", "ON_SALE"));
		for (String token : tokens) {
			this.mvc.perform(get("/market").param("page", token).with(user(viewer)))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("This page of the market does not exist")));
			this.mvc.perform(get("/api/market").param("page", token).with(user(viewer)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("Not a page token"));
		}
		assertNoErrorLogged(output);
	}

	@Test
	void anOverlongUserNameInALinkOrFormGetsTheFormsOwnAnswer(CapturedOutput output) throws Exception {
		this.mvc.perform(get("/activate").param("username", LONG_NAME).param("token", "abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc.perform(get("/password/reset").param("username", LONG_NAME).param("token", "abc"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc
			.perform(post("/password/reset").with(csrf())
				.param("username", LONG_NAME)
				.param("token", "abc")
				.param("password", "plum violet anchor 1987"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/password/forgot").with(csrf()).param("username", LONG_NAME))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Enter your user name.")));
		this.mvc.perform(formLogin("/login").user("x".repeat(50_000)).password("a wrong password"))
			.andExpect(redirectedUrl("/?error"));
		assertNoErrorLogged(output);
	}

	@Test
	void anOverlongCardOrSellerNameChangesNothingAndSaysSo(CapturedOutput output) throws Exception {
		String owner = this.testAccounts.activated();
		String cardName = "c".repeat(5000);

		this.mvc
			.perform(post("/cards/sale").with(user(owner)).with(csrf()).param("name", cardName).param("price", "1.00"))
			.andExpect(redirectedUrl("/cards"))
			.andExpect(flash().attribute("error", containsString("You have no card named 'ccc")))
			.andExpect(flash().attribute("error", not(containsString(cardName))));
		this.mvc.perform(post("/cards/withdraw").with(user(owner)).with(csrf()).param("name", cardName))
			.andExpect(redirectedUrl("/cards"))
			.andExpect(flash().attribute("error", containsString("You have no card named")));
		this.mvc
			.perform(post("/market/buy").with(user(owner))
				.with(csrf())
				.param("seller", LONG_NAME)
				.param("name", cardName)
				.param("priceCents", "100"))
			.andExpect(redirectedUrl("/market"))
			.andExpect(flash().attribute("error", containsString("There is no such card.")));
		this.mvc
			.perform(post("/market/buy").with(user(owner))
				.with(csrf())
				.param("seller", "someone")
				.param("name", "x")
				.param("priceCents", "not a number"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(post("/api/trades").with(user(owner))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"seller\":\"" + LONG_NAME + "\",\"name\":\"" + cardName + "\",\"priceCents\":100,"
						+ "\"listing\":\"x\"}"))
			.andExpect(status().is4xxClientError());
		assertNoErrorLogged(output);
	}

	private static void assertNoErrorLogged(CapturedOutput output) {
		assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("ValidationException");
	}

	/**
	 * A page token as the store encodes one: attribute names and string values,
	 * NUL-separated.
	 */
	private static String token(String... namesAndValues) {
		String joined = String.join("\u0000", namesAndValues) + "\u0000";
		return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
	}

}
