package io.cardstore.web;

import java.time.Instant;
import java.util.UUID;

import io.cardstore.market.account.Accounts;
import io.cardstore.market.account.LinkToken;
import jakarta.servlet.http.Cookie;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Activated accounts for tests, opened the way registration and the mail link open them.
 * Integration tests get one injected ({@link CardStoreIntegrationTest} imports it).
 */
public class TestAccounts {

	public static final String PASSWORD = "correct horse battery";

	private final Accounts accounts;

	private final PasswordEncoder passwords;

	public TestAccounts(Accounts accounts, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	/** A login through the form, with its CSRF token, from this client address. */
	public static MockHttpServletRequestBuilder logInFrom(String address, String username, String password) {
		return post("/login").with(csrf()).param("username", username).param("password", password).with(request -> {
			request.setRemoteAddr(address);
			return request;
		});
	}

	/**
	 * Logs in with {@link #PASSWORD}, which must succeed, and answers the session cookie.
	 */
	public static Cookie sessionOf(MockMvc mvc, String username) throws Exception {
		Cookie session = mvc.perform(logInFrom("127.0.0.1", username, PASSWORD))
			.andExpect(redirectedUrl("/dashboard"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).as("a session cookie").isNotNull();
		return session;
	}

	public static String newUsername() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	/** A new activated account whose password is {@link #PASSWORD}. */
	public String activated() {
		return activatedWithHash(this.passwords.encode(PASSWORD));
	}

	/**
	 * A new activated account whose password has this hash, such as one of an older
	 * format.
	 */
	public String activatedWithHash(String passwordHash) {
		String username = newUsername();
		return activated(username, "Test " + username, passwordHash);
	}

	/** A new activated account with this name and password hash. */
	public String activated(String username, String name, String passwordHash) {
		this.accounts.create(username, name, username + "@example.com", passwordHash);
		LinkToken token = LinkToken.generate();
		this.accounts.markActivationMailSent(username, token.hash(), Instant.now().plusSeconds(3600));
		this.accounts.activate(username, token.value());
		return username;
	}

}
