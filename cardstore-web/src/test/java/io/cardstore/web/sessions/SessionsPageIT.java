package io.cardstore.web.sessions;

import io.cardstore.session.UserSessions;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The sessions page: a user's sessions on every replica, and ending them. */
@CardStoreIntegrationTest
class SessionsPageIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Test
	void aUserSeesTheirSessionsAndEndsThem() throws Exception {
		String username = this.testAccounts.activated();
		Cookie first = logIn(username);
		Cookie second = logIn(username);
		Cookie third = logIn(username);

		this.mvc.perform(get("/account/sessions").cookie(first))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This session")))
			.andExpect(content().string(containsString("web-test")))
			.andExpect(content()
				.string(matchesPattern("(?s).*<time datetime=\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\" "
						+ "title=\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\">just now</time>.*")))
			.andExpect(content().string(containsString("<tr class=\"current\">")))
			// A session id is a credential: the page names the others by handle only.
			.andExpect(content().string(not(containsString(second.getValue()))))
			.andExpect(content().string(not(containsString(third.getValue()))))
			.andExpect(content().string(not(containsString(first.getValue()))))
			.andExpect(content().string(containsString(UserSessions.handle(second.getValue()))));

		this.mvc
			.perform(post("/account/sessions/revoke").cookie(first).with(csrf()).param("session", second.getValue()))
			.andExpect(redirectedUrl("/account/sessions"));
		this.mvc.perform(get("/dashboard").cookie(second)).andExpect(status().isOk());
		this.mvc
			.perform(post("/account/sessions/revoke").cookie(first)
				.with(csrf())
				.param("session", UserSessions.handle(second.getValue())))
			.andExpect(redirectedUrl("/account/sessions"));
		this.mvc.perform(get("/dashboard").cookie(second).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		this.mvc.perform(get("/dashboard").cookie(third)).andExpect(status().isOk());

		this.mvc.perform(post("/account/sessions/revoke-others").cookie(first).with(csrf()))
			.andExpect(redirectedUrl("/account/sessions"));
		this.mvc.perform(get("/dashboard").cookie(third).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		this.mvc.perform(get("/dashboard").cookie(first)).andExpect(status().isOk());
	}

	private Cookie logIn(String username) throws Exception {
		return TestAccounts.sessionOf(this.mvc, username);
	}

}
