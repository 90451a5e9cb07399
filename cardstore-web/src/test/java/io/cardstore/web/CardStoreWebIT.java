package io.cardstore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.jayway.jsonpath.JsonPath;
import io.cardstore.aws.account.AccountStatus;
import io.cardstore.aws.account.Accounts;
import io.cardstore.aws.card.Cards;
import io.cardstore.aws.upload.CardImageUploads;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.mail.MailCatcher;
import io.cardstore.testing.redis.SharedRedisInitializer;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every endpoint, with good and bad input, against real Redis, AWS emulators and SMTP. */
@SpringBootTest(properties = { "cardstore.session.instance-id=web-test", "cardstore.login.max-failures=3",
		"cardstore.login.first-delay=1s" })
@AutoConfigureMockMvc
@ContextConfiguration(initializers = { SharedRedisInitializer.class, SharedAwsInitializer.class })
class CardStoreWebIT {

	/** A real 1x1 PNG. */
	static final byte[] PNG = Base64.getDecoder()
		.decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	static final HttpClient http = HttpClient.newHttpClient();

	static final S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint());

	static final String BUCKET = AwsEmulators.shared().resources().bucket();

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	Cards cards;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	CardImageUploads uploads;

	@AfterAll
	static void closeClient() {
		s3.close();
	}

	// Registration, activation, login

	@Test
	void registeringSendsAMailWhoseLinkActivatesTheAccount() throws Exception {
		String username = TestAccounts.newUsername();

		this.mvc.perform(post("/register").with(csrf())
			.param("username", username)
			.param("name", "Ada")
			.param("email", username + "@example.com")
			.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));

		assertThat(this.accounts.find(username).orElseThrow().passwordHash()).startsWith("{argon2}");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> MailCatcher.shared().messagesTo(username + "@example.com").size() == 1);
		String body = GreenMailUtil.getBody(MailCatcher.shared().messagesTo(username + "@example.com").get(0));
		Matcher token = Pattern.compile("token=([A-Za-z0-9_-]+)").matcher(body);
		assertThat(token.find()).isTrue();
		assertThat(body).contains("http://localhost:8080/activate?username=" + username);

		this.mvc.perform(get("/activate").param("username", username).param("token", token.group(1)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your account is active")));
		assertThat(this.accounts.find(username).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
		this.mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/dashboard"));
	}

	@Test
	void registrationShowsAMessageForEachBadField() throws Exception {
		this.mvc.perform(post("/register").with(csrf())
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
		String username = TestAccounts.activated(this.accounts, this.passwords);

		this.mvc.perform(post("/register").with(csrf())
			.param("username", username)
			.param("name", "Bob")
			.param("email", "bob@example.com")
			.param("password", TestAccounts.PASSWORD))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This user name is taken.")));
	}

	@Test
	void aPostWithoutCsrfTokenIsForbidden() throws Exception {
		this.mvc.perform(post("/register").param("username", "nocsrf")).andExpect(status().isForbidden());
		this.mvc.perform(post("/api/cards").with(user("someone"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\"}")).andExpect(status().isForbidden());
	}

	@Test
	void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);

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
		String username = TestAccounts.activated(this.accounts, this.passwords);
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(login(username, "wrong password!", "203.0.113.66")).andExpect(redirectedUrl("/?error"));
		}

		this.mvc.perform(login(username, TestAccounts.PASSWORD, "203.0.113.66"))
			.andExpect(redirectedUrl("/?error=throttled"));
		this.mvc.perform(get("/").param("error", "throttled"))
			.andExpect(content().string(containsString("Too many failed logins")));
		// The owner, from another address.
		this.mvc.perform(login(username, TestAccounts.PASSWORD, "198.51.100.7")).andExpect(redirectedUrl("/dashboard"));

		// The first wait (1 s here) over, the attacker's address may try once more, then waits twice as long.
		Thread.sleep(1100);
		this.mvc.perform(login(username, "wrong password!", "203.0.113.66")).andExpect(redirectedUrl("/?error"));
		this.mvc.perform(login(username, TestAccounts.PASSWORD, "203.0.113.66"))
			.andExpect(redirectedUrl("/?error=throttled"));
	}

	@Test
	void parallelAttemptsCannotSlipPastTheLimitTogether() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
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

	@Test
	void pagesForbidInlineScriptsFramingAndForeignOriginsButTheBucket() throws Exception {
		String policy = this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(header().string("Referrer-Policy", "same-origin"))
			.andReturn()
			.getResponse()
			.getHeader("Content-Security-Policy");

		assertThat(policy).contains("default-src 'self'")
			.contains("script-src 'self';")
			.contains("frame-ancestors 'none'")
			.contains("form-action 'self'")
			.doesNotContain("unsafe-inline");
		URI bucket = this.uploads.viewUrl("cards/x/y.png");
		assertThat(policy).contains("connect-src 'self' " + bucket.getScheme() + "://" + bucket.getAuthority());
	}

	@Test
	void everyBadActivationLinkGetsTheSameAnswer() throws Exception {
		String active = TestAccounts.activated(this.accounts, this.passwords);
		String generic = "This link is not valid, has been used already, or has expired.";
		for (MockHttpServletRequestBuilder link : List.of(get("/activate").param("username", "nobody").param("token", "forged"),
				get("/activate").param("username", active).param("token", "forged"), get("/activate"),
				get("/password/reset").param("username", active).param("token", "forged"))) {
			this.mvc.perform(link).andExpect(status().isBadRequest()).andExpect(content().string(containsString(generic)));
		}
	}

	@Test
	void aUserSeesTheirSessionsAndEndsThem() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
		Cookie first = logIn(username);
		Cookie second = logIn(username);
		Cookie third = logIn(username);

		this.mvc.perform(get("/account/sessions").cookie(first))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("This session")))
			.andExpect(content().string(containsString("web-test")))
			.andExpect(content().string(matchesPattern(
					"(?s).*<time title=\"\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC\">just now</time>.*")))
			.andExpect(content().string(containsString("<tr class=\"current\">")));

		this.mvc.perform(post("/account/sessions/revoke").cookie(first).with(csrf()).param("id", second.getValue()))
			.andExpect(redirectedUrl("/account/sessions"));
		this.mvc.perform(get("/dashboard").cookie(second).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		this.mvc.perform(get("/dashboard").cookie(third)).andExpect(status().isOk());

		this.mvc.perform(post("/account/sessions/revoke-others").cookie(first).with(csrf()))
			.andExpect(redirectedUrl("/account/sessions"));
		this.mvc.perform(get("/dashboard").cookie(third).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
		this.mvc.perform(get("/dashboard").cookie(first)).andExpect(status().isOk());
	}

	private Cookie logIn(String username) throws Exception {
		Cookie session = this.mvc.perform(formLogin("/login").user(username).password(TestAccounts.PASSWORD))
			.andExpect(redirectedUrl("/dashboard"))
			.andReturn()
			.getResponse()
			.getCookie("SESSION");
		assertThat(session).isNotNull();
		return session;
	}

	// Pages

	@Test
	void pagesNeedALogin() throws Exception {
		this.mvc.perform(get("/dashboard").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void theDashboardShowsTheFreshBalanceAndTheInstance() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);

		this.mvc.perform(get("/dashboard").with(user(username)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("100.00")))
			.andExpect(content().string(containsString("web-test")));
	}

	@Test
	void everyPageRenders() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
		this.cards.add(username, "Shown", null);

		Map<String, List<String>> pages = Map.of("/dashboard", List.of("Test " + username, "100.00"), "/cards",
				List.of("My cards", "Shown"), "/cards/new", List.of("Add a card", "type=\"file\""), "/market",
				List.of("Cards on sale"), "/account", List.of("Change password", "Disable my account"),
				"/account/sessions", List.of("Your sessions"));
		pages.forEach((page, expected) -> {
			try {
				String html = this.mvc.perform(get(page).with(user(username)))
					.andExpect(status().isOk())
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(html).as(page).contains(expected).contains("<nav class=\"nav\">");
			}
			catch (Exception ex) {
				throw new AssertionError(page, ex);
			}
		});
		this.mvc.perform(get("/")).andExpect(status().isOk()).andExpect(content().string(containsString("Register")));
		this.mvc.perform(get("/password/forgot"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Forgot your password?")));
	}

	@Test
	void aCardNameIsEscapedWherePagesShowIt() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
		String script = "<script>alert('owned')</script>";

		this.mvc.perform(post("/api/cards").with(user(username))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + script.replace("'", "\\u0027") + "\"}"))
			.andExpect(status().isCreated());

		this.mvc.perform(get("/cards").with(user(username)))
			.andExpect(content().string(not(containsString(script))))
			.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;")));
	}

	@Test
	void sellingAndWithdrawingFromThePage() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
		this.cards.add(username, "Page card", null);

		this.mvc.perform(post("/cards/sale").with(user(username)).with(csrf()).param("name", "Page card").param("price", "12.5"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).isEqualTo(1250);

		for (String bad : new String[] { "-3", "0", "0.001", "1E+10000000", "1e2", "1000000.01", "12,50", "", "99999999" }) {
			long started = System.nanoTime();
			this.mvc.perform(post("/cards/sale").with(user(username)).with(csrf()).param("name", "Page card").param("price", bad))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Enter a price from 0.01 to 1000000.00")));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(bad).isLessThan(Duration.ofSeconds(1));
		}
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).as("nothing changed").isEqualTo(1250);
		this.mvc.perform(post("/cards/sale").with(user(username)).with(csrf()).param("name", "Page card").param("price", "1000000"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().priceCents()).isEqualTo(100_000_000);

		this.mvc.perform(post("/cards/withdraw").with(user(username)).with(csrf()).param("name", "Page card"))
			.andExpect(redirectedUrl("/cards"));
		assertThat(this.cards.find(username, "Page card").orElseThrow().inSale()).isFalse();
	}

	@Test
	void buyingFromTheMarketPageShowsTheNewBalance() throws Exception {
		String seller = TestAccounts.activated(this.accounts, this.passwords);
		String buyer = TestAccounts.activated(this.accounts, this.passwords);
		this.cards.add(seller, "Market card", null);
		this.cards.putOnSale(seller, "Market card", 30_00);

		this.mvc.perform(get("/market").with(user(buyer)))
			.andExpect(content().string(containsString("Market card")));
		this.mvc.perform(post("/market/buy").with(user(buyer))
			.with(csrf())
			.param("seller", seller)
			.param("name", "Market card")
			.param("priceCents", "3000"))
			.andExpect(redirectedUrl("/market"))
			.andExpect(result -> assertThat(result.getFlashMap().get("message")).asString()
				.contains("Your balance is now 70.00"));
	}

	// API

	@Test
	void anAnonymousApiCallGets401Json() throws Exception {
		this.mvc.perform(get("/api/cards"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(header().string("X-Served-By", "web-test"));
	}

	@Test
	void everyResponseSaysWhichInstanceServedIt() throws Exception {
		this.mvc.perform(get("/")).andExpect(header().string("X-Served-By", "web-test"));
	}

	@Test
	void malformedJsonGets400() throws Exception {
		this.mvc.perform(post("/api/cards").with(user("someone"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aBlankCardNameGets400WithTheFieldError() throws Exception {
		this.mvc.perform(post("/api/cards").with(user("someone"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"  \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.name").value("Give the card a name."));
	}

	@Test
	void theCardApiAddsListsSellsAndWithdraws() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);

		this.mvc.perform(post("/api/cards").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Api card\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.imageUrl").value("/images/default-card.svg"));
		this.mvc.perform(post("/api/cards").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"Api card\"}"))
			.andExpect(status().isConflict());
		this.mvc.perform(put("/api/cards/Api card/sale").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"priceCents\": 999}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.price").value("9.99"));
		this.mvc.perform(put("/api/cards/Api card/sale").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"priceCents\": -1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.priceCents").exists());
		this.mvc.perform(delete("/api/cards/Api card/sale").with(user(username)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.inSale").value(false));
		this.mvc.perform(put("/api/cards/Missing/sale").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"priceCents\": 100}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/cards").with(user(username)))
			.andExpect(jsonPath("$[0].name").value("Api card"));
	}

	@Test
	void theTradeApiAnswersWithTheRightStatus() throws Exception {
		String seller = TestAccounts.activated(this.accounts, this.passwords);
		String buyer = TestAccounts.activated(this.accounts, this.passwords);
		this.cards.add(seller, "Traded", null);
		this.cards.putOnSale(seller, "Traded", 25_00);
		String purchase = "{\"seller\":\"" + seller + "\",\"name\":\"Traded\",\"priceCents\":2500}";

		this.mvc.perform(post("/api/trades").with(user(seller)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(purchase))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.reason").value("OWN_CARD"));
		this.mvc.perform(get("/api/market").with(user(buyer)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Traded")));
		this.mvc.perform(post("/api/trades").with(user(buyer)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(purchase))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.balanceCents").value(75_00));
		this.mvc.perform(post("/api/trades").with(user(buyer)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(purchase))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.reason").value("CARD_NOT_FOUND"));
	}

	@Test
	void theUploadApiSignsOnlyAllowedImages() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);

		this.mvc.perform(post("/api/uploads").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contentType\":\"image/png\",\"size\":1000}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.key").value(org.hamcrest.Matchers.startsWith("cards/uploads/" + username + "/")))
			.andExpect(jsonPath("$.headers['Content-Type']").value("image/png"));
		this.mvc.perform(post("/api/uploads").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contentType\":\"image/svg+xml\",\"size\":1000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("UNSUPPORTED_TYPE"));
		this.mvc.perform(post("/api/uploads").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contentType\":\"image/png\",\"size\":3000000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("TOO_LARGE"));
	}

	// Card images

	@Test
	void aCardKeepsItsImageUnderAKeyOfTheApplicationsOwnAndTheUploadIsGone() throws Exception {
		String username = TestAccounts.activated(this.accounts, this.passwords);
		String upload = upload(username);

		String added = addCard(username, "Pictured", upload).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();

		String image = this.cards.find(username, "Pictured").orElseThrow().imageKey();
		assertThat(image).matches("cards/images/[0-9a-f-]{36}\\.png");
		ResponseBytes<GetObjectResponse> stored = s3.getObjectAsBytes(get -> get.bucket(BUCKET).key(image));
		assertThat(stored.asByteArray()).isEqualTo(PNG);
		assertThat(stored.response().contentType()).isEqualTo("image/png");
		assertThat(exists(upload)).as("the upload").isFalse();
		assertThat(shown(JsonPath.read(added, "$.imageUrl"))).isEqualTo(PNG);
	}

	@Test
	void aSellerCannotTakeTheImageOfACardTheySold() throws Exception {
		String seller = TestAccounts.activated(this.accounts, this.passwords);
		String buyer = TestAccounts.activated(this.accounts, this.passwords);
		String upload = upload(seller);
		addCard(seller, "Sold", upload).andExpect(status().isCreated());
		String image = this.cards.find(seller, "Sold").orElseThrow().imageKey();
		this.cards.putOnSale(seller, "Sold", 10_00);
		this.mvc.perform(post("/api/trades").with(user(buyer)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"seller\":\"" + seller + "\",\"name\":\"Sold\",\"priceCents\":1000}"))
			.andExpect(status().isCreated());
		this.cards.add(seller, "Taken", null);

		// The same upload again, under a new name or a taken one: it was claimed, it is gone.
		for (String name : new String[] { "Another", "Taken" }) {
			addCard(seller, name, upload).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.reason").value("MISSING"));
		}
		// The image's own key names nothing a user may claim.
		addCard(seller, "Another", image).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("NOT_YOURS"));
		// A fresh upload for a taken name: its copy is deleted, and nothing else.
		List<String> images = imageKeys();
		addCard(seller, "Taken", upload(seller)).andExpect(status().isConflict());
		assertThat(imageKeys()).isEqualTo(images);

		assertThat(this.cards.find(buyer, "Sold").orElseThrow().imageKey()).isEqualTo(image);
		String bought = this.mvc.perform(get("/api/cards").with(user(buyer)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(shown(JsonPath.read(bought, "$[0].imageUrl"))).as("the buyer's image").isEqualTo(PNG);
	}

	@Test
	void someoneElsesUploadOrImageIsRefusedAndKept() throws Exception {
		String owner = TestAccounts.activated(this.accounts, this.passwords);
		String intruder = TestAccounts.activated(this.accounts, this.passwords);
		String pending = upload(owner);
		addCard(owner, "Mine", upload(owner)).andExpect(status().isCreated());
		String image = this.cards.find(owner, "Mine").orElseThrow().imageKey();

		for (String key : new String[] { pending, image }) {
			addCard(intruder, "Stolen", key).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.reason").value("NOT_YOURS"));
		}

		assertThat(exists(pending)).as("the owner's upload").isTrue();
		assertThat(exists(image)).as("the owner's card image").isTrue();
		assertThat(this.cards.find(intruder, "Stolen")).isEmpty();
	}

	/** Uploads {@link #PNG} as the browser does and answers the key to send with the card. */
	private String upload(String username) throws Exception {
		String signed = this.mvc.perform(post("/api/uploads").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contentType\":\"image/png\",\"size\":" + PNG.length + "}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(JsonPath.read(signed, "$.url")))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(PNG));
		Map<String, String> headers = JsonPath.read(signed, "$.headers");
		headers.forEach(put::header);
		assertThat(http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		return JsonPath.read(signed, "$.key");
	}

	private ResultActions addCard(String username, String name, String imageKey) throws Exception {
		return this.mvc.perform(post("/api/cards").with(user(username)).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"" + name + "\",\"imageKey\":\"" + imageKey + "\"}"));
	}

	private static byte[] shown(String imageUrl) throws Exception {
		HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(imageUrl)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as(imageUrl).isEqualTo(200);
		return response.body();
	}

	private static boolean exists(String key) {
		try {
			s3.headObject(head -> head.bucket(BUCKET).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
	}

	private static List<String> imageKeys() {
		return s3.listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(CardImageUploads.IMAGE_PREFIX))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

}
