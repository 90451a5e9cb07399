package io.cardstore.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.local.LocalMailInbox;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.BucketObjects;
import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.browser.Chromium;
import io.cardstore.testing.redis.SharedRedisInitializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in a real headless Chromium: register, activate from the mail (opened
 * on the local mail page, {@link LocalMailInbox}), log in, add a card with an image
 * uploaded from the page straight to S3, sell it, a second user buys it with the keyboard
 * alone, both see their new balances, log out; on the way, a failed login, a refused
 * registration and a missing page. A screenshot of each page goes to
 * {@code target/screenshots}, and each page is checked with axe-core against WCAG 2.2 A
 * and AA: the journey fails on any violation. {@link StoreBrowser} drives Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { SharedRedisInitializer.class, SharedAwsInitializer.class,
		BrowserJourneyIT.UploadsThroughTheBrowser.class })
@Import(LocalMailInbox.class)
class BrowserJourneyIT {

	static final Pattern IMAGE_KEY = Pattern.compile("cards/images/[0-9a-f-]{36}\\.png");

	static final byte[] PNG = BucketObjects.PNG;

	static final String NEW_PASSWORD = "a new password, chosen after a reset";

	static @Nullable Chromium chromium;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() throws IOException {
		StoreBrowser.clearScreenshots();
		chromium = Chromium.start();
	}

	@AfterAll
	static void stopBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void registerActivateUploadSellBuyAndLogOut() throws Exception {
		Chromium chromium = Objects.requireNonNull(BrowserJourneyIT.chromium);
		StoreBrowser browser = new StoreBrowser(chromium.driver(), chromium.urlOf(this.port));
		String seller = TestAccounts.newUsername();
		String buyer = TestAccounts.newUsername();

		browser.open("/");
		browser.findElement(By.cssSelector("#login input[name=username]")).sendKeys(seller);
		browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys("not the password");
		browser.findElement(By.cssSelector("#login button")).click();
		browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
		browser.screenshot("login-failed");
		browser.open("/");
		browser.findElement(By.id("username")).sendKeys("x");
		browser.findElement(By.id("name")).sendKeys("Sally Seller");
		browser.findElement(By.id("email")).sendKeys("not an address");
		browser.findElement(By.id("password")).sendKeys("short");
		browser.findElement(By.cssSelector("#register button")).click();
		browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#register .field-error")));
		browser.screenshot("registration-refused");
		browser.open("/no-such-page");
		browser.screenshot("not-found");
		browser.open("/password/reset?username=" + seller + "&token=not-a-token");
		browser.screenshot("link-failed");
		// The page a Redis outage or a full hashing queue answers with, served as it is.
		browser.open("/error/503.html");
		browser.screenshot("unavailable");

		browser.registerAndActivate(seller, "Sally Seller");
		browser.logIn(seller);
		assertThat(browser.text("balance")).isEqualTo("100.00");
		assertThat(browser.text("served-by")).isNotBlank();
		browser.screenshot("dashboard-seller");

		browser.open("/cards/new");
		String image = chromium.fileWith("card.png", PNG);
		browser.findElement(By.id("card-name")).sendKeys("Dragon <b>");
		browser.findElement(By.id("card-image")).sendKeys(image);
		browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
		browser.screenshot("add-card");
		browser.findElement(By.id("add-card")).click();
		browser.waitUntil(ExpectedConditions.urlMatches(".*/cards$"));
		assertThat(browser.findElement(By.cssSelector("article.card h2")).getText()).isEqualTo("Dragon <b>");
		assertThat(uploadedObjects(seller)).as("the upload was claimed and left the seller's prefix").isEmpty();
		Matcher imageKey = IMAGE_KEY
			.matcher(browser.findElement(By.cssSelector("article.card img")).getAttribute("src"));
		assertThat(imageKey.find()).as("the image is shown from a key of the store's own").isTrue();
		assertThat(browser.imageShown()).as("the browser shows the image from S3").isTrue();
		browser.screenshot("my-cards");

		browser.findElement(By.cssSelector("form.sell input[name=price]")).sendKeys("30.00");
		browser.findElement(By.cssSelector("form.sell button")).click();
		browser.waitUntil(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "on sale for 30.00"));
		browser.screenshot("on-sale");
		browser.open("/account");
		browser.screenshot("account");
		browser.logOut();

		browser.registerAndActivate(buyer, "Bob Buyer");
		browser.logIn(buyer);
		browser.open("/market");
		browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Dragon <b>"));
		browser.screenshot("market");
		// Bought with the keyboard alone: Tab to the button, which shows where the focus
		// is, and Enter.
		WebElement buy = browser.findElement(By.cssSelector("form.buy button"));
		browser.tabTo(buy);
		assertThat(buy.getCssValue("outline-style")).as("the focused button's outline").isNotEqualTo("none");
		browser.screenshot("market-buy-focused");
		new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
		browser.waitUntil(ExpectedConditions.alertIsPresent()).accept();
		browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"Your balance is now 70.00"));
		browser.screenshot("bought");
		browser.open("/history");
		assertThat(browser.findElement(By.cssSelector("table.history tbody tr")).getText())
			.contains("Bought 'Dragon <b>' from " + seller, "-30.00", "70.00");
		browser.screenshot("history");
		// The same pages in German, chosen with the switch every page has; the cookie
		// keeps it.
		browser.findElement(By.cssSelector("footer.languages a[hreflang=de]")).click();
		browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Verlauf"));
		assertThat(browser.findElement(By.cssSelector("table.history tbody tr")).getText())
			.contains("„Dragon <b>“ von " + seller + " gekauft", "-30,00", "70,00");
		browser.screenshot("history-de");
		browser.open("/market");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Karten im Angebot");
		browser.screenshot("market-de");
		browser.findElement(By.cssSelector("footer.languages a[hreflang=en]")).click();
		browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cards on sale"));
		browser.open("/dashboard");
		assertThat(browser.text("balance")).isEqualTo("70.00");
		browser.open("/cards");
		assertThat(browser.findElement(By.cssSelector("article.card h2")).getText()).isEqualTo("Dragon <b>");
		assertThat(browser.findElement(By.cssSelector("article.card img")).getAttribute("src"))
			.contains(imageKey.group());
		assertThat(browser.imageShown()).as("the bought card shows the same image").isTrue();
		browser.open("/account/sessions");
		assertThat(browser.findElement(By.cssSelector("table.sessions tbody")).getText()).contains("This session");
		browser.screenshot("sessions");
		browser.logOut();

		browser.logIn(seller);
		assertThat(browser.text("balance")).isEqualTo("130.00");
		browser.screenshot("dashboard-seller-after-sale");
		browser.logOut();
		browser.open("/dashboard");
		browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("login")));
		browser.screenshot("logged-out");

		// The buyer forgets the password, in German: a link by mail in German, a new
		// password, a login with it.
		browser.findElement(By.cssSelector("footer.languages a[hreflang=de]")).click();
		browser.findElement(By.linkText("Passwort vergessen?")).click();
		browser.findElement(By.cssSelector("#forgot-password input[name=username]")).sendKeys(buyer);
		browser.screenshot("password-forgot-de");
		browser.findElement(By.cssSelector("#forgot-password button")).click();
		browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "unterwegs"));
		browser.mailLink(buyer, "Neues Passwort für Ihr CardStore-Konto", "/password/reset?").click();
		browser.screenshot("password-reset-de");
		browser.findElement(By.cssSelector("#reset-password input[name=password]")).sendKeys(NEW_PASSWORD);
		browser.findElement(By.cssSelector("#reset-password button")).click();
		browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("login")));
		browser.screenshot("password-changed-de");
		browser.findElement(By.cssSelector("footer.languages a[hreflang=en]")).click();
		browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
		browser.logIn(buyer, NEW_PASSWORD);
		assertThat(browser.text("balance")).isEqualTo("70.00");
		browser.logOut();

		assertThat(browser.violations()).as("WCAG 2.2 AA violations axe-core found on the journey's pages").isEmpty();
	}

	private static List<S3Object> uploadedObjects(String owner) {
		try (S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint())) {
			return s3
				.listObjectsV2(list -> list.bucket(AwsEmulators.shared().resources().bucket())
					.prefix("cards/uploads/" + owner + "/"))
				.contents();
		}
	}

	/**
	 * Has the store send the browser's uploads and image requests to S3 at the address
	 * the browser reaches it by, which a browser in a container does not know as
	 * {@code localhost}. Runs after {@link SharedAwsInitializer}, whose endpoint it
	 * replaces.
	 */
	static class UploadsThroughTheBrowser implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			URI s3 = AwsEmulators.shared().s3Endpoint();
			String endpoint = Objects.requireNonNull(chromium, "the browser starts first").urlOf(s3.getPort());
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("browserUploads",
						Map.of("cardstore.aws.upload.browser-endpoint", endpoint)));
		}

	}

}
