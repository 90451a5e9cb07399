package io.cardstore.web.login;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cardstore.market.account.Accounts;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Logging in: one answer for every failure, CSRF on the form, and throttling that no one
 * can turn against a user.
 */
@CardStoreIntegrationTest
class LoginIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void aPostWithoutCsrfTokenIsForbidden() throws Exception {
		this.mvc.perform(post("/register").param("username", "nocsrf")).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/cards").with(user("someone"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\"}"))
			.andExpect(status().isForbidden());
	}

	@Test
	void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
		String username = this.testAccounts.activated();

		this.mvc.perform(formLogin("/login").user(username).password("wrong password!"))
			.andExpect(redirectedUrl("/?error"));
		this.mvc.perform(formLogin("/login").user("nobody-" + username).password("wrong password!"))
			.andExpect(redirectedUrl("/?error"));
	}

	@Test
	void anAccountNotYetActivatedCannotLogIn() throws Exception {
		String username = TestAccounts.newUsername();
		this.accounts.create(username, "New", username + "@example.com", this.passwords.encode(TestAccounts.PASSWORD));

		this.mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/?error"));
	}

	@Test
	void repeatedFailuresFromOneAddressMakeItWaitButNotTheOwnerElsewhere() throws Exception {
		String username = this.testAccounts.activated();
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(login(username, "wrong password!", "203.0.113.66")).andExpect(redirectedUrl("/?error"));
		}

		this.mvc.perform(login(username, TestAccounts.PASSWORD, "203.0.113.66"))
			.andExpect(redirectedUrl("/?error=throttled"));
		this.mvc.perform(get("/").param("error", "throttled"))
			.andExpect(content().string(containsString("Too many failed logins")));
		// The owner, from another address.
		this.mvc.perform(login(username, TestAccounts.PASSWORD, "198.51.100.7")).andExpect(redirectedUrl("/dashboard"));

		// The first wait (1 s here) over, the attacker's address may try once more, then
		// waits twice as long.
		Thread.sleep(1100);
		this.mvc.perform(login(username, "wrong password!", "203.0.113.66")).andExpect(redirectedUrl("/?error"));
		this.mvc.perform(login(username, TestAccounts.PASSWORD, "203.0.113.66"))
			.andExpect(redirectedUrl("/?error=throttled"));
	}

	@Test
	void parallelAttemptsCannotSlipPastTheLimitTogether() throws Exception {
		String username = this.testAccounts.activated();
		ExecutorService attackers = Executors.newFixedThreadPool(10);
		List<Future<String>> outcomes = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				outcomes.add(attackers.submit(() -> this.mvc.perform(login(username, "wrong password!", "203.0.113.99"))
					.andReturn()
					.getResponse()
					.getRedirectedUrl()));
			}
			List<String> redirects = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				redirects.add(outcome.get(1, TimeUnit.MINUTES));
			}

			assertThat(redirects).filteredOn("/?error"::equals).as("passwords checked").hasSize(3);
			assertThat(redirects).filteredOn("/?error=throttled"::equals).hasSize(17);
		}
		finally {
			attackers.shutdownNow();
		}
	}

	private static MockHttpServletRequestBuilder login(String username, String password, String address) {
		return post("/login").param("username", username).param("password", password).with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		});
	}

}
