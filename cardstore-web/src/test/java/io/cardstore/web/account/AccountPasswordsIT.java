package io.cardstore.web.account;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.market.account.AccountStatus;
import io.cardstore.market.account.Accounts;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Passwords and accounts: strength and length rules, Argon2id hashes with bcrypt ones
 * upgraded, change, reset by mail, disable; each ends the other sessions of the account.
 */
@CardStoreIntegrationTest
@TestPropertySource(properties = "cardstore.mail-requests.per-address=3")
class AccountPasswordsIT {

	static final String PASSWORD = TestAccounts.PASSWORD;

	static final String NEW_PASSWORD = "plum violet anchor 1987";

	static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void registrationRefusesGuessableAndOverlongPasswordsAndAcceptsLongUnicodeOnes() throws Exception {
		String weak = newUsername();
		register(weak, "passwordpassword", "198.51.100.1")
			.andExpect(content().string(containsString("too easy to guess")));
		register(weak, weak + "-secret-1", "198.51.100.1")
			.andExpect(content().string(containsString("must not contain your user name")));
		register(weak, "x".repeat(129), "198.51.100.1")
			.andExpect(content().string(containsString("12 to 128 characters")));
		assertThat(this.accounts.find(weak)).isEmpty();

		// 25 CJK characters are 75 bytes: more than bcrypt could take.
		String unicode = newUsername();
		register(unicode, "我的密码是非常长的一个句子我的密码是非常长的一个句", "198.51.100.2").andExpect(redirectedUrl("/"));
		assertThat(this.accounts.find(unicode).orElseThrow().passwordHash()).startsWith("{argon2}");
	}

	@Test
	void aBcryptHashStillLogsInAndIsReplacedByArgon2id() throws Exception {
		String username = activated("{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD));
		logIn(username, "我的密码是非常长的一个句子我的密码是非常长的一个句").andExpect(redirectedUrl("/?error"));
		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).startsWith("{bcrypt}");

		logIn(username, PASSWORD).andExpect(redirectedUrl("/dashboard"));
		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).startsWith("{argon2}");
		logIn(username, PASSWORD).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession() throws Exception {
		String username = activated(this.passwords.encode(PASSWORD));
		Cookie here = sessionOf(logIn(username, PASSWORD));
		Cookie elsewhere = sessionOf(logIn(username, PASSWORD));

		change(here, "wrong password here", NEW_PASSWORD).andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("current password is not right")));
		change(here, PASSWORD, "passwordpassword").andExpect(status().isBadRequest());
		assertThat(this.passwords.matches(PASSWORD, this.accounts.find(username).orElseThrow().passwordHash()))
			.isTrue();

		MvcResult changed = change(here, PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/account")).andReturn();
		Cookie renewed = sessionOf(changed);
		assertThat(renewed.getValue()).as("a new session id").isNotEqualTo(here.getValue());
		this.mvc.perform(get("/dashboard").cookie(renewed)).andExpect(status().isOk());
		this.mvc.perform(get("/dashboard").cookie(here).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		this.mvc.perform(get("/dashboard").cookie(elsewhere).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		logIn(username, PASSWORD).andExpect(redirectedUrl("/?error"));
		logIn(username, NEW_PASSWORD).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void aResetLinkByMailSetsANewPasswordOnceAndEndsEverySession() throws Exception {
		String username = activated(this.passwords.encode(PASSWORD));
		Cookie session = sessionOf(logIn(username, PASSWORD));
		String unknown = newUsername();

		forgot(username, "203.0.113.20").andExpect(status().isOk())
			.andExpect(content().string(containsString("If an active account has this user name")));
		forgot(unknown, "203.0.113.20").andExpect(status().isOk())
			.andExpect(content().string(containsString("If an active account has this user name")));

		URI link = MailCatcher.shared().awaitLink(email(username), "/password/reset");
		assertThat(link).hasToString("http://localhost:8080/password/reset?" + link.getRawQuery());
		Matcher token = TOKEN.matcher(link.getRawQuery());
		assertThat(token.find()).isTrue();
		assertThat(MailCatcher.shared().messagesTo(email(unknown))).isEmpty();

		// Opened twice, as a mail scanner and then the person do: showing the form uses
		// nothing up.
		for (int opened = 0; opened < 2; opened++) {
			this.mvc.perform(get("/password/reset").param("username", username).param("token", token.group(1)))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Choose a new password")));
		}
		reset(username, token.group(1), "passwordpassword").andExpect(status().isBadRequest());
		reset(username, token.group(1), NEW_PASSWORD).andExpect(redirectedUrl("/?reset"));

		this.mvc.perform(get("/dashboard").cookie(session).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		reset(username, token.group(1), "another good passphrase 42").andExpect(status().isBadRequest())
			.andExpect(
					content().string(containsString("This link is not valid, has been used already, or has expired.")));
		logIn(username, NEW_PASSWORD).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void resetRequestsAreLimitedPerAddress() throws Exception {
		for (int request = 0; request < 3; request++) {
			forgot(newUsername(), "203.0.113.30").andExpect(status().isOk());
		}
		forgot(newUsername(), "203.0.113.30").andExpect(status().isTooManyRequests());
		register(newUsername(), NEW_PASSWORD, "203.0.113.30").andExpect(status().isTooManyRequests());
		forgot(newUsername(), "203.0.113.31").andExpect(status().isOk());
	}

	@Test
	void nobodyCanFloodAnInboxOrUseUpAnotherPersonsResetLink() throws Exception {
		String victim = activated(this.passwords.encode(PASSWORD));
		for (String address : new String[] { "203.0.113.50", "203.0.113.51", "203.0.113.52" }) {
			for (int request = 0; request < 3; request++) {
				forgot(victim, address).andExpect(status().isOk());
			}
		}
		// The owner, from their own address, is not refused either.
		forgot(victim, "203.0.113.53").andExpect(status().isOk());

		URI link = MailCatcher.shared().awaitLink(email(victim), "/password/reset");
		Thread.sleep(3000);
		assertThat(MailCatcher.shared().messagesTo(email(victim))).as("ten requests, one mail").hasSize(1);
		Matcher token = TOKEN.matcher(link.getRawQuery());
		assertThat(token.find()).isTrue();
		reset(victim, token.group(1), NEW_PASSWORD).andExpect(redirectedUrl("/?reset"));
	}

	@Test
	void aPasswordChangeCancelsTheResetLinkOnItsWay() throws Exception {
		String username = activated(this.passwords.encode(PASSWORD));
		forgot(username, "203.0.113.60").andExpect(status().isOk());
		Matcher token = TOKEN.matcher(MailCatcher.shared().awaitLink(email(username), "/password/reset").getRawQuery());
		assertThat(token.find()).isTrue();

		change(sessionOf(logIn(username, PASSWORD)), PASSWORD, NEW_PASSWORD).andExpect(redirectedUrl("/account"));

		reset(username, token.group(1), "another good passphrase 42").andExpect(status().isBadRequest())
			.andExpect(
					content().string(containsString("This link is not valid, has been used already, or has expired.")));
		logIn(username, NEW_PASSWORD).andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void theResetFormRefusesAPasswordMadeOfTheUsersNameOrAddress() throws Exception {
		String username = this.testAccounts.activated(newUsername(), "Marguerite Okonkwo",
				this.passwords.encode(PASSWORD));
		forgot(username, "203.0.113.70").andExpect(status().isOk());
		Matcher token = TOKEN.matcher(MailCatcher.shared().awaitLink(email(username), "/password/reset").getRawQuery());
		assertThat(token.find()).isTrue();

		reset(username, token.group(1), "Marguerite Okonkwo 1987!").andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must not contain your user name, name or e-mail address")));
		reset(username, token.group(1), "x" + email(username) + "!").andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("must not contain your user name, name or e-mail address")));
		reset(username, token.group(1), NEW_PASSWORD).andExpect(redirectedUrl("/?reset"));
	}

	@Test
	void aDisabledAccountHasNoSessionAndCannotLogIn() throws Exception {
		String username = activated(this.passwords.encode(PASSWORD));
		Cookie here = sessionOf(logIn(username, PASSWORD));
		Cookie elsewhere = sessionOf(logIn(username, PASSWORD));

		this.mvc
			.perform(post("/account/disable").cookie(here).with(csrf()).param("currentPassword", "wrong password here"))
			.andExpect(status().isBadRequest());
		this.mvc.perform(post("/account/disable").cookie(here).with(csrf()).param("currentPassword", PASSWORD))
			.andExpect(redirectedUrl("/?disabled"));

		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.DISABLED);
		for (Cookie session : new Cookie[] { here, elsewhere }) {
			this.mvc.perform(get("/dashboard").cookie(session).accept(MediaType.TEXT_HTML))
				.andExpect(status().isFound());
		}
		logIn(username, PASSWORD).andExpect(redirectedUrl("/?error"));
		forgot(username, "203.0.113.40").andExpect(status().isOk());
	}

	private ResultActions register(String username, String password, String address) throws Exception {
		return this.mvc.perform(from(address,
				post("/register").with(csrf())
					.param("username", username)
					.param("name", "Test User")
					.param("email", email(username))
					.param("password", password)));
	}

	private ResultActions forgot(String username, String address) throws Exception {
		return this.mvc.perform(from(address, post("/password/forgot").with(csrf()).param("username", username)));
	}

	private ResultActions reset(String username, String token, String password) throws Exception {
		return this.mvc.perform(post("/password/reset").with(csrf())
			.param("username", username)
			.param("token", token)
			.param("password", password));
	}

	private ResultActions change(Cookie session, String current, String next) throws Exception {
		return this.mvc.perform(post("/account/password").cookie(session)
			.with(csrf())
			.param("currentPassword", current)
			.param("newPassword", next));
	}

	private ResultActions logIn(String username, String password) throws Exception {
		return this.mvc.perform(formLogin("/login").user(username).password(password));
	}

	private static Cookie sessionOf(ResultActions result) {
		return sessionOf(result.andReturn());
	}

	private static Cookie sessionOf(MvcResult result) {
		Cookie session = result.getResponse().getCookie("SESSION");
		assertThat(session).as("a session cookie").isNotNull();
		return session;
	}

	private static MockHttpServletRequestBuilder from(String address, MockHttpServletRequestBuilder request) {
		return request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
	}

	private String activated(String passwordHash) {
		return this.testAccounts.activatedWithHash(passwordHash);
	}

	private static String newUsername() {
		return TestAccounts.newUsername();
	}

	private static String email(String username) {
		return username + "@example.com";
	}

}
