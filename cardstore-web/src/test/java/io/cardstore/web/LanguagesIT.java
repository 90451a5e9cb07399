package io.cardstore.web;

import java.util.List;

import io.cardstore.market.card.Cards;
import io.cardstore.market.trade.Trades;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every page in English and in German: no message key without its text, the page's
 * language declared, amounts written as the language writes them; the choice kept in a
 * cookie, never a session.
 */
@CardStoreIntegrationTest
class LanguagesIT {

	static final List<String> ANONYMOUS_PAGES = List.of("/", "/password/forgot",
			"/password/reset?username=nobody&token=x", "/activate?username=nobody&token=x");

	static final List<String> PAGES = List.of("/dashboard", "/cards", "/cards/new", "/market", "/history", "/account",
			"/account/sessions");

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Cards cards;

	@Autowired
	Trades trades;

	@Test
	void everyPageIsWholeInEitherLanguage() throws Exception {
		String seller = this.testAccounts.activated();
		String buyer = this.testAccounts.activated();
		this.cards.add(seller, "Sold", null);
		this.trades.buy(buyer, seller, "Sold", 12_50, this.cards.putOnSale(seller, "Sold", 12_50).listing());
		this.cards.add(seller, "Offered", null);
		this.cards.putOnSale(seller, "Offered", 1234_56);

		for (String language : List.of("en", "de")) {
			for (String page : ANONYMOUS_PAGES) {
				assertWhole(this.mvc
					.perform(get(page).header(HttpHeaders.ACCEPT_LANGUAGE, language).accept(MediaType.TEXT_HTML))
					.andReturn(), page, language);
			}
			for (String page : PAGES) {
				MockHttpServletRequestBuilder request = get(page).with(user(page.equals("/market") ? buyer : seller))
					.header(HttpHeaders.ACCEPT_LANGUAGE, language);
				assertWhole(this.mvc.perform(request).andReturn(), page, language);
			}
		}
		String german = this.mvc.perform(get("/market").with(user(buyer)).header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(german).contains("Karten im Angebot", "1.234,56").doesNotContain("1,234.56");
		String english = this.mvc
			.perform(get("/market").with(user(buyer)).header(HttpHeaders.ACCEPT_LANGUAGE, "fr, en;q=0.5"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(english).contains("Cards on sale", "1,234.56");
		assertThat(this.mvc.perform(get("/history").with(user(buyer)).header(HttpHeaders.ACCEPT_LANGUAGE, "de"))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("„Sold“ von " + seller + " gekauft", "-12,50", "87,50");
	}

	@Test
	void theSwitchSetsACookieThatOutranksTheBrowserAndNoSession() throws Exception {
		MvcResult switched = this.mvc.perform(get("/").param("lang", "de").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andReturn();
		Cookie cookie = switched.getResponse().getCookie("LANG");
		assertThat(cookie).isNotNull();
		assertThat(cookie.isHttpOnly()).isTrue();
		assertThat(switched.getRequest().getSession(false)).as("no session for an anonymous choice").isNull();
		assertThat(switched.getResponse().getContentAsString()).contains("<html lang=\"de\"", "Anmelden");

		String page = this.mvc.perform(get("/password/forgot").cookie(cookie).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Passwort vergessen?");

		// A language the store does not have is not kept, and a cookie naming one falls
		// back to the browser's.
		MvcResult unknown = this.mvc.perform(get("/").param("lang", "xx")).andReturn();
		assertThat(unknown.getResponse().getCookie("LANG")).isNull();
		assertThat(this.mvc.perform(get("/").cookie(new Cookie("LANG", "xx")).header(HttpHeaders.ACCEPT_LANGUAGE, "de"))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("<html lang=\"de\"");
	}

	private static void assertWhole(MvcResult result, String page, String language) throws Exception {
		String html = result.getResponse().getContentAsString();
		assertThat(html).as("%s in %s", page, language).contains("<html lang=\"" + language + "\"");
		assertThat(html).as("untranslated keys on %s in %s", page, language).doesNotContain("??");
		assertThat(html).as("%s in %s", page, language).contains(language.equals("de") ? "Deutsch" : "English");
		if (language.equals("de")) {
			assertThat(html).as("English left on %s", page).doesNotContain(" the ", "Log in", "Log out");
		}
	}

}
