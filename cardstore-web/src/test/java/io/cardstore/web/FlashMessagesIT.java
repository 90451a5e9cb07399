package io.cardstore.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import io.cardstore.market.card.Cards;
import io.cardstore.testing.redis.RedisCommandCounter;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The message a page shows after a form's redirect travels in a signed cookie, not in the
 * session: a form post and its redirect write nothing to Redis for it.
 */
@CardStoreIntegrationTest
class FlashMessagesIT {

	/** The message as the page shows it (Thymeleaf writes the quotes as &#39;). */
	static final String MESSAGE = "Flash card&#39; is on sale for 12.50.";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	Cards cards;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aFormPostAndItsRedirectWriteNothingToRedis() throws Exception {
		String owner = this.testAccounts.activated();
		this.cards.add(owner, "Flash card", null);
		Cookie session = TestAccounts.sessionOf(this.mvc, owner);
		// Once before counting: the replica reads the cookies' signing key from Redis
		// once a minute.
		this.mvc.perform(get("/cards").cookie(session, sell(session))).andExpect(status().isOk());
		RedisCommandCounter counter = new RedisCommandCounter(() -> this.redis
			.execute((RedisCallback<Properties>) connection -> connection.serverCommands().info("commandstats")));
		Map<String, Long> before = counter.snapshot();

		Cookie flash = sell(session);
		MvcResult page = this.mvc.perform(get("/cards").cookie(session, flash))
			.andExpect(content().string(containsString(MESSAGE)))
			.andReturn();

		assertThat(counter.commandsSince(before)).as("Redis commands of the post and its redirect").isEmpty();
		assertThat(flash.isHttpOnly()).isTrue();
		assertThat(flash.getMaxAge()).isEqualTo(180);
		assertThat(page.getResponse().getCookie("FLASH")).as("the message is shown once")
			.satisfies(cleared -> assertThat(cleared.getMaxAge()).isZero());
		this.mvc.perform(get("/cards").cookie(session)).andExpect(content().string(not(containsString(MESSAGE))));
	}

	@Test
	void aFlashCookieTheStoreDidNotSignShowsNothing() throws Exception {
		String owner = this.testAccounts.activated();
		this.cards.add(owner, "Flash card", null);
		Cookie session = TestAccounts.sessionOf(this.mvc, owner);
		String signed = sell(session).getValue();
		String payload = signed.substring(0, signed.indexOf('.'));
		String signature = signed.substring(signed.indexOf('.') + 1);
		String forgedPayload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).replace("12.50", "0.01")
						.getBytes(StandardCharsets.UTF_8));

		for (String forged : new String[] { forgedPayload + "." + signature, payload + ".AAAA", payload,
				"x".repeat(5000), "%%%." + signature }) {
			this.mvc.perform(get("/cards").cookie(session, new Cookie("FLASH", forged)))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("is on sale for"))));
		}
	}

	private Cookie sell(Cookie session) throws Exception {
		Cookie flash = this.mvc.perform(
				post("/cards/sale").cookie(session).with(csrf()).param("name", "Flash card").param("price", "12.50"))
			.andExpect(redirectedUrl("/cards"))
			.andReturn()
			.getResponse()
			.getCookie("FLASH");
		assertThat(flash).as("the message's cookie").isNotNull();
		return flash;
	}

}
