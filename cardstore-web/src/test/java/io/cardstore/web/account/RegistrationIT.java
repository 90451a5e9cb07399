package io.cardstore.web.account;

import java.net.URI;
import java.util.List;

import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registering, the activation mail and its link. */
@CardStoreIntegrationTest
class RegistrationIT {

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Test
	void registeringSendsAMailWhoseLinkShowsAButtonThatActivatesTheAccountOnce() throws Exception {
		String username = TestAccounts.newUsername();

		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", username)
				.param("name", "Ada")
				.param("email", username + "@example.com")
				.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));

		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).startsWith("{argon2}");
		URI link = MailCatcher.shared().awaitLink(username + "@example.com", "/activate");
		assertThat(link).hasToString("http://localhost:8080/activate?" + link.getRawQuery());
		assertThat(MailCatcher.shared().messagesTo(username + "@example.com")).hasSize(1);

		// A mail scanner opens the link, and so does its reader: neither uses it up.
		for (int opened = 0; opened < 2; opened++) {
			this.mvc.perform(get(link))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Activate my account")));
		}
		assertThat(this.accounts.find(username).orElseThrow().status()).isNotEqualTo(AccountStatus.ACTIVE);
		MockHttpServletRequestBuilder press = post("/activate").with(csrf())
			.param("username", username)
			.param("token", UriComponentsBuilder.fromUri(link).build().getQueryParams().getFirst("token"));
		this.mvc.perform(press)
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your account is active")));
		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		this.mvc.perform(press)
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("This link is not valid")));
		this.mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void registrationShowsAMessageForEachBadField() throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "X")
				.param("name", "")
				.param("email", "not-an-address")
				.param("password", "short"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 to 30 characters")))
			.andExpect(content().string(containsString("Tell us your name.")))
			.andExpect(content().string(containsString("This is not an e-mail address.")))
			.andExpect(content().string(containsString("12 to 128 characters.")));
	}

	@Test
	void aTakenUserNameIsRefused() throws Exception {
		String username = this.testAccounts.activated();

		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", username)
				.param("name", "Bob")
				.param("email", "bob@example.com")
				.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This user name is taken.")));
	}

	@Test
	void everyBadActivationLinkGetsTheSameAnswer() throws Exception {
		String active = this.testAccounts.activated();
		String generic = "This link is not valid, has been used already, or has expired.";
		for (MockHttpServletRequestBuilder link : List.of(
				post("/activate").with(csrf()).param("username", "nobody").param("token", "forged"),
				post("/activate").with(csrf()).param("username", active).param("token", "forged"), get("/activate"),
				post("/activate").with(csrf()),
				get("/password/reset").param("username", active).param("token", "forged"))) {
			this.mvc.perform(link)
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString(generic)));
		}
	}

}
