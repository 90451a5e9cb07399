package io.cardstore.web.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.cardstore.market.account.Accounts;
import io.cardstore.web.CardStoreIntegrationTest;
import io.cardstore.web.TestAccounts;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * What a login costs the store, and what an anonymous client can make it cost: one
 * password hash per attempt whatever the account's state, nothing at all for a name that
 * cannot be one, counters of fixed size in Redis, and a bounded queue for hashing that
 * answers at once when it is full, while pages keep being served.
 */
@CardStoreIntegrationTest
@TestPropertySource(
		properties = { "cardstore.password-hashing.concurrent-hashes=2", "cardstore.password-hashing.max-wait=250ms" })
class LoginCostIT {

	static final AtomicInteger hashChecks = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAccounts testAccounts;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	void countFromZero() {
		hashChecks.set(0);
	}

	@Test
	void everyLoginHashesOnceWhateverTheAccount() throws Exception {
		String active = this.testAccounts.activated();
		String unknown = TestAccounts.newUsername();
		String notActivated = TestAccounts.newUsername();
		this.accounts.create(notActivated, "New", notActivated + "@example.com",
				this.passwords.encode(TestAccounts.PASSWORD));
		String disabled = this.testAccounts.activated();
		this.accounts.disable(disabled);

		assertHashesOnce(logIn(active, TestAccounts.PASSWORD, "192.0.2.1"), "/dashboard");
		assertHashesOnce(logIn(active, "a wrong password", "192.0.2.1"), "/?error");
		assertHashesOnce(logIn(unknown, "a wrong password", "192.0.2.1"), "/?error");
		assertHashesOnce(logIn(notActivated, "a wrong password", "192.0.2.1"), "/?error");
		assertHashesOnce(logIn(notActivated, TestAccounts.PASSWORD, "192.0.2.1"), "/?error");
		assertHashesOnce(logIn(disabled, TestAccounts.PASSWORD, "192.0.2.1"), "/?error");
	}

	@Test
	void aLoginKeepsItsUserInTheSessionsCompactForm() throws Exception {
		String user = this.testAccounts.activated();

		Cookie session = logIn(user, TestAccounts.PASSWORD, "192.0.2.4").andReturn().getResponse().getCookie("SESSION");

		Set<Object> fields = this.redis.opsForHash().keys("cardstore:session:{" + session.getValue() + "}");
		assertThat(fields).contains("auth").doesNotContain("attr:SPRING_SECURITY_CONTEXT");
		assertThat(this.redis.opsForHash().get("cardstore:session:{" + session.getValue() + "}", "auth").toString())
			.contains(user)
			.hasSizeLessThan(200);
	}

	@Test
	void aNameThatCannotBeOneCostsNothing() throws Exception {
		Set<String> before = this.redis.keys("cardstore:*");

		for (String name : List.of("x".repeat(50_000), "Upper-Case", "a", "semi;colon", "-leading-dash")) {
			logIn(name, "a wrong password", "192.0.2.2").andExpect(redirectedUrl("/?error"));
		}

		assertThat(hashChecks).hasValue(0);
		assertThat(this.redis.keys("cardstore:*")).isEqualTo(before);
	}

	@Test
	void aFailedLoginLeavesCountersOfFixedSizeThatNameNobody() throws Exception {
		String name = TestAccounts.newUsername() + "-x".repeat(8);
		Set<String> before = this.redis.keys("cardstore:*");

		logIn(name, "a wrong password", "2001:db8:1:2:3:4:5:6").andExpect(redirectedUrl("/?error"));

		Set<String> added = new HashSet<>(this.redis.keys("cardstore:*"));
		added.removeAll(before);
		added.remove(CounterKeys.DIGEST_KEY);
		assertThat(added).hasSize(2).allSatisfy(key -> {
			assertThat(key).matches("cardstore:login:\\{[A-Za-z0-9_-]{22}}").doesNotContain(name);
			assertThat(this.redis.opsForHash().entries(key)).containsOnlyKeys("n", "last");
		});
		// Another address of the same /64 network is the same client.
		logIn(name, "a wrong password", "2001:db8:1:2:ffff:ffff:ffff:ffff").andExpect(redirectedUrl("/?error"));
		Set<String> after = new HashSet<>(this.redis.keys("cardstore:*"));
		after.removeAll(before);
		after.remove(CounterKeys.DIGEST_KEY);
		assertThat(after).isEqualTo(added);
	}

	/**
	 * 48 failed logins at once from 48 addresses against a replica that hashes two
	 * passwords at a time: each is answered within 3 s (checked, or refused at once with
	 * 503 and Retry-After), and a logged-in page is served meanwhile within 1 s.
	 */
	@Test
	void aFloodOfLoginsIsAnsweredQuicklyAndPagesKeepServing() throws Exception {
		String user = this.testAccounts.activated();
		Cookie session = logIn(user, TestAccounts.PASSWORD, "192.0.2.3").andReturn().getResponse().getCookie("SESSION");
		// Once before, so that the page's first rendering is not what is timed.
		this.mvc.perform(get("/dashboard").cookie(session));
		int logins = 48;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Answer>> answers = new ArrayList<>();
		ExecutorService attackers = Executors.newFixedThreadPool(logins);
		try {
			for (int i = 0; i < logins; i++) {
				String address = "198.18.0." + (i + 1);
				answers.add(attackers.submit(() -> {
					start.await();
					long started = System.nanoTime();
					MockHttpServletResponse response = logIn(TestAccounts.newUsername(), "a wrong password", address)
						.andReturn()
						.getResponse();
					return new Answer(response.getStatus(), response.getHeader("Retry-After"),
							Duration.ofNanos(System.nanoTime() - started));
				}));
			}
			start.countDown();
			Thread.sleep(200);
			long pageStarted = System.nanoTime();
			int pageStatus = this.mvc.perform(get("/dashboard").cookie(session)).andReturn().getResponse().getStatus();
			Duration page = Duration.ofNanos(System.nanoTime() - pageStarted);

			List<Answer> all = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				all.add(answer.get());
			}
			long refused = all.stream().filter(answer -> answer.status() == 503).count();
			Duration slowest = all.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
			System.out.printf(
					"%d failed logins at once: %d checked, %d refused with 503; slowest answer %d ms; "
							+ "a logged-in page meanwhile %d ms%n",
					logins, logins - refused, refused, slowest.toMillis(), page.toMillis());

			assertThat(pageStatus).isEqualTo(200);
			assertThat(page).isLessThan(Duration.ofSeconds(1));
			assertThat(slowest).isLessThan(Duration.ofSeconds(3));
			assertThat(refused).as("logins refused rather than queued").isPositive();
			assertThat(all).allSatisfy(answer -> {
				if (answer.status() == 503) {
					assertThat(answer.retryAfter()).isEqualTo("1");
				}
				else {
					assertThat(answer.status()).isEqualTo(302);
				}
			});
		}
		finally {
			attackers.shutdownNow();
		}
	}

	private void assertHashesOnce(ResultActions login, String landing) throws Exception {
		login.andExpect(redirectedUrl(landing));
		assertThat(hashChecks.getAndSet(0)).as("password hashes checked for a login to " + landing).isEqualTo(1);
	}

	private ResultActions logIn(String username, String password, String address) throws Exception {
		return this.mvc.perform(TestAccounts.logInFrom(address, username, password));
	}

	record Answer(int status, String retryAfter, Duration took) {
	}

	/** Counts the password checks of the store's own encoder, wherever they come from. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountingHashes {

		@Bean
		static BeanPostProcessor countingPasswordEncoder() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof PasswordEncoder encoder)) {
						return bean;
					}
					return new PasswordEncoder() {
						@Override
						public String encode(CharSequence rawPassword) {
							return encoder.encode(rawPassword);
						}

						@Override
						public boolean matches(CharSequence rawPassword, String encodedPassword) {
							hashChecks.incrementAndGet();
							return encoder.matches(rawPassword, encodedPassword);
						}

						@Override
						public boolean upgradeEncoding(String encodedPassword) {
							return encoder.upgradeEncoding(encodedPassword);
						}
					};
				}
			};
		}

	}

}
