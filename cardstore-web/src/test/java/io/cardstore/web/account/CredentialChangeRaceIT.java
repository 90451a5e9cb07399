package io.cardstore.web.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.cardstore.market.account.Accounts;
import io.cardstore.session.UserSessions;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * A login racing a password change or a disable: no session made with the old credentials
 * is served afterwards, on any replica, however the two interleave.
 */
@CardStoreIntegrationTest
@TestPropertySource(properties = "cardstore.password-hashing.concurrent-hashes=16")
class CredentialChangeRaceIT {

	static final String NEW_PASSWORD = "plum violet anchor 1987";

	/**
	 * What happens to an account right after a login has read it, before the login ends.
	 */
	static volatile Consumer<String> afterRead = name -> {
	};

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	UserSessions userSessions;

	@AfterEach
	void noMoreInterference() {
		afterRead = name -> {
		};
	}

	@Test
	void aPasswordChangedWhileALoginRunsEndsTheSessionTheLoginStoresAfterwards() throws Exception {
		String username = this.testAccounts.activated();
		changeThePasswordOnceTheLoginHasRead(username);

		Cookie session = TestAccounts.sessionOf(this.mvc, username);

		assertNotServed(session);
		assertThat(this.userSessions.list(username)).isEmpty();
	}

	/**
	 * A login that replaces a bcrypt hash of an earlier version by an Argon2 one is
	 * checked again as any other: the authentication keeps the user the login read, with
	 * its credential version, whatever the upgrade answers.
	 */
	@Test
	void aLoginThatUpgradesItsHashWhileThePasswordChangesKeepsNoSession() throws Exception {
		String username = this.testAccounts.activated();
		this.accounts.changePassword(username, "{bcrypt}" + new BCryptPasswordEncoder().encode(TestAccounts.PASSWORD));
		changeThePasswordOnceTheLoginHasRead(username);

		Cookie session = TestAccounts.sessionOf(this.mvc, username);

		assertNotServed(session);
		assertThat(this.userSessions.list(username)).isEmpty();
	}

	@Test
	void anAccountDisabledWhileALoginRunsKeepsNoSession() throws Exception {
		String username = this.testAccounts.activated();
		afterRead = name -> {
			if (name.equals(username)) {
				this.accounts.disable(name);
				this.userSessions.revokeAllExcept(name, null);
			}
		};

		Cookie session = TestAccounts.sessionOf(this.mvc, username);

		assertNotServed(session);
	}

	@Test
	void parallelLoginsWithTheOldPasswordWhileItChangesKeepNoSession() throws Exception {
		String username = this.testAccounts.activated();
		Cookie changer = TestAccounts.sessionOf(this.mvc, username);
		int logins = 12;
		ExecutorService pool = Executors.newFixedThreadPool(logins);
		try {
			List<Future<MockHttpServletResponse>> attempts = new ArrayList<>();
			for (int i = 0; i < logins; i++) {
				int delay = i * 15;
				attempts.add(pool.submit(() -> {
					Thread.sleep(delay);
					// Each from an address of its own: the throttle would hold back
					// attempts from one.
					return this.mvc
						.perform(TestAccounts.logInFrom("198.51.100." + (delay / 15 + 1), username,
								TestAccounts.PASSWORD))
						.andReturn()
						.getResponse();
				}));
			}
			Thread.sleep(40);
			this.mvc
				.perform(post("/account/password").cookie(changer)
					.with(csrf())
					.param("currentPassword", TestAccounts.PASSWORD)
					.param("newPassword", NEW_PASSWORD))
				.andExpect(redirectedUrl("/account"));

			int succeeded = 0;
			for (Future<MockHttpServletResponse> attempt : attempts) {
				MockHttpServletResponse response = attempt.get();
				if ("/dashboard".equals(response.getRedirectedUrl())) {
					succeeded++;
					assertNotServed(response.getCookie("SESSION"));
				}
			}
			System.out.printf("%d logins with the old password while it changed: %d looked successful, none kept "
					+ "its session%n", logins, succeeded);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * The password change, complete with its end of every session, between the login's
	 * read of the account and its save of the session.
	 */
	private void changeThePasswordOnceTheLoginHasRead(String username) {
		afterRead = name -> {
			if (name.equals(username)) {
				this.accounts.changePassword(name, this.passwords.encode(NEW_PASSWORD));
				this.userSessions.revokeAllExcept(name, null);
			}
		};
	}

	private void assertNotServed(Cookie session) throws Exception {
		if (session != null) {
			this.mvc.perform(get("/dashboard").cookie(session).accept(MediaType.TEXT_HTML))
				.andExpect(redirectedUrl("/"));
		}
	}

	/** Lets a test act on an account right after a login read it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Interference {

		@Bean
		static BeanPostProcessor interferingUserDetails() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof UserDetailsService users)
							|| !(bean instanceof UserDetailsPasswordService upgrades)) {
						return bean;
					}
					return new Interfering(users, upgrades);
				}
			};
		}

	}

	record Interfering(UserDetailsService users,
			UserDetailsPasswordService upgrades) implements UserDetailsService, UserDetailsPasswordService {

		@Override
		public UserDetails loadUserByUsername(String username) {
			UserDetails user = this.users.loadUserByUsername(username);
			afterRead.accept(username);
			return user;
		}

		@Override
		public UserDetails updatePassword(UserDetails user, String newPassword) {
			return this.upgrades.updatePassword(user, newPassword);
		}

	}

}
