package io.cardstore.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.cardstore.local.LocalMailInbox;
import io.cardstore.testing.aws.AwsEmulators;
import io.cardstore.testing.aws.AwsResources;
import io.cardstore.testing.aws.BucketObjects;
import io.cardstore.testing.aws.SharedAwsInitializer;
import io.cardstore.testing.redis.SharedRedisInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in a real headless Chromium: register, activate from the mail (opened
 * on the local mail page, {@link LocalMailInbox}), log in, add a card with an image
 * uploaded from the page straight to S3, sell it, a second user buys it with the keyboard
 * alone, both see their new balances, log out; on the way, a failed login, a refused
 * registration and a missing page. A screenshot of each page goes to
 * {@code target/screenshots}, and each page is checked with axe-core against WCAG 2.2 A
 * and AA: the journey fails on any violation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { SharedRedisInitializer.class, SharedAwsInitializer.class })
@Import(LocalMailInbox.class)
class BrowserJourneyIT {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final Pattern IMAGE_KEY = Pattern.compile("cards/images/[0-9a-f-]{36}\\.png");

	static final byte[] PNG = BucketObjects.PNG;

	/** axe-core's rules for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
	static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	static final String NEW_PASSWORD = "a new password, chosen after a reset";

	static final String ACTIVATION_SUBJECT = "Activate your CardStore account";

	static WebDriver browser;

	static WebDriverWait wait;

	@LocalServerPort
	int port;

	int shot;

	final List<String> violations = new ArrayList<>();

	@BeforeAll
	static void startBrowser() throws IOException {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			assertThat(Files.isExecutable(binary)).as(binary + " is missing: apt-get install chromium chromium-driver")
				.isTrue();
		}
		// A run's screenshots alone: pages renumbered since an earlier run would
		// otherwise sit beside them.
		FileSystemUtils.deleteRecursively(SCREENSHOTS);
		Files.createDirectories(SCREENSHOTS);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		browser = new ChromeDriver(service, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void registerActivateUploadSellBuyAndLogOut() throws Exception {
		String seller = TestAccounts.newUsername();
		String buyer = TestAccounts.newUsername();

		open("/");
		browser.findElement(By.cssSelector("#login input[name=username]")).sendKeys(seller);
		browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys("not the password");
		browser.findElement(By.cssSelector("#login button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
		screenshot("login-failed");
		open("/");
		browser.findElement(By.id("username")).sendKeys("x");
		browser.findElement(By.id("name")).sendKeys("Sally Seller");
		browser.findElement(By.id("email")).sendKeys("not an address");
		browser.findElement(By.id("password")).sendKeys("short");
		browser.findElement(By.cssSelector("#register button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#register .field-error")));
		screenshot("registration-refused");
		open("/no-such-page");
		screenshot("not-found");
		open("/password/reset?username=" + seller + "&token=not-a-token");
		screenshot("link-failed");
		// The page a Redis outage or a full hashing queue answers with, served as it is.
		open("/error/503.html");
		screenshot("unavailable");

		registerAndActivate(seller, "Sally Seller");
		logIn(seller);
		assertThat(text("balance")).isEqualTo("100.00");
		assertThat(text("served-by")).isNotBlank();
		screenshot("dashboard-seller");

		open("/cards/new");
		Path image = Files.write(Files.createTempFile("card", ".png"), PNG);
		browser.findElement(By.id("card-name")).sendKeys("Dragon <b>");
		browser.findElement(By.id("card-image")).sendKeys(image.toString());
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
		screenshot("add-card");
		browser.findElement(By.id("add-card")).click();
		wait.until(ExpectedConditions.urlMatches(".*/cards$"));
		assertThat(browser.findElement(By.cssSelector("article.card h2")).getText()).isEqualTo("Dragon <b>");
		assertThat(uploadedObjects(seller)).as("the upload was claimed and left the seller's prefix").isEmpty();
		Matcher imageKey = IMAGE_KEY
			.matcher(browser.findElement(By.cssSelector("article.card img")).getAttribute("src"));
		assertThat(imageKey.find()).as("the image is shown from a key of the store's own").isTrue();
		assertThat(imageShown()).as("the browser shows the image from S3").isTrue();
		screenshot("my-cards");

		browser.findElement(By.cssSelector("form.sell input[name=price]")).sendKeys("30.00");
		browser.findElement(By.cssSelector("form.sell button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "on sale for 30.00"));
		screenshot("on-sale");
		open("/account");
		screenshot("account");
		logOut();

		registerAndActivate(buyer, "Bob Buyer");
		logIn(buyer);
		open("/market");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Dragon <b>"));
		screenshot("market");
		// Bought with the keyboard alone: Tab to the button, which shows where the focus
		// is, and Enter.
		WebElement buy = browser.findElement(By.cssSelector("form.buy button"));
		tabTo(buy);
		assertThat(buy.getCssValue("outline-style")).as("the focused button's outline").isNotEqualTo("none");
		screenshot("market-buy-focused");
		new Actions(browser).sendKeys(Keys.ENTER).perform();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"Your balance is now 70.00"));
		screenshot("bought");
		open("/history");
		assertThat(browser.findElement(By.cssSelector("table.history tbody tr")).getText())
			.contains("Bought 'Dragon <b>' from " + seller, "-30.00", "70.00");
		screenshot("history");
		// The same pages in German, chosen with the switch every page has; the cookie
		// keeps it.
		browser.findElement(By.cssSelector("footer.languages a[hreflang=de]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Verlauf"));
		assertThat(browser.findElement(By.cssSelector("table.history tbody tr")).getText())
			.contains("„Dragon <b>“ von " + seller + " gekauft", "-30,00", "70,00");
		screenshot("history-de");
		open("/market");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Karten im Angebot");
		screenshot("market-de");
		browser.findElement(By.cssSelector("footer.languages a[hreflang=en]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Cards on sale"));
		open("/dashboard");
		assertThat(text("balance")).isEqualTo("70.00");
		open("/cards");
		assertThat(browser.findElement(By.cssSelector("article.card h2")).getText()).isEqualTo("Dragon <b>");
		assertThat(browser.findElement(By.cssSelector("article.card img")).getAttribute("src"))
			.contains(imageKey.group());
		assertThat(imageShown()).as("the bought card shows the same image").isTrue();
		open("/account/sessions");
		assertThat(browser.findElement(By.cssSelector("table.sessions tbody")).getText()).contains("This session");
		screenshot("sessions");
		logOut();

		logIn(seller);
		assertThat(text("balance")).isEqualTo("130.00");
		screenshot("dashboard-seller-after-sale");
		logOut();
		open("/dashboard");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
		screenshot("logged-out");

		// The buyer forgets the password, in German: a link by mail in German, a new
		// password, a login with it.
		browser.findElement(By.cssSelector("footer.languages a[hreflang=de]")).click();
		browser.findElement(By.linkText("Passwort vergessen?")).click();
		browser.findElement(By.cssSelector("#forgot-password input[name=username]")).sendKeys(buyer);
		screenshot("password-forgot-de");
		browser.findElement(By.cssSelector("#forgot-password button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "unterwegs"));
		mailLink(buyer, "Neues Passwort für Ihr CardStore-Konto", "/password/reset?").click();
		screenshot("password-reset-de");
		browser.findElement(By.cssSelector("#reset-password input[name=password]")).sendKeys(NEW_PASSWORD);
		browser.findElement(By.cssSelector("#reset-password button")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
		screenshot("password-changed-de");
		browser.findElement(By.cssSelector("footer.languages a[hreflang=en]")).click();
		wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
		logIn(buyer, NEW_PASSWORD);
		assertThat(text("balance")).isEqualTo("70.00");
		logOut();

		assertThat(this.violations).as("WCAG 2.2 AA violations axe-core found on the journey's pages").isEmpty();
	}

	private void registerAndActivate(String username, String name) {
		open("/");
		browser.findElement(By.id("username")).sendKeys(username);
		browser.findElement(By.id("name")).sendKeys(name);
		browser.findElement(By.id("email")).sendKeys(username + "@example.com");
		browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
		browser.findElement(By.cssSelector("#register button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Almost there"));
		screenshot("registered-" + name.split(" ")[1].toLowerCase());

		mailLink(username, ACTIVATION_SUBJECT, "/activate?").click();
		// The link shows a button: a mail scanner opening links leaves the account as it
		// was.
		WebElement activate = wait.until(ExpectedConditions.elementToBeClickable(By.id("activate-button")));
		screenshot("activate-" + name.split(" ")[1].toLowerCase());
		activate.click();
		assertThat(text("activation-result")).contains("Your account is active");
		screenshot("activated-" + name.split(" ")[1].toLowerCase());
	}

	/**
	 * As a person does it in a local run: the mail on /dev/mail, where every test
	 * application's mail shows, and the link of the one to this user with this subject.
	 */
	private WebElement mailLink(String username, String subject, String target) {
		open("/dev/mail");
		WebElement link = new WebDriverWait(browser, Duration.ofSeconds(30))
			.ignoring(StaleElementReferenceException.class)
			.until(driver -> {
				for (WebElement mail : driver.findElements(By.cssSelector("section.mail"))) {
					if (mail.findElement(By.className("mail-to")).getText().equals(username + "@example.com")
							&& mail.findElement(By.className("mail-subject")).getText().equals(subject)) {
						return mail.findElement(By.cssSelector(".mail-text a[href*='" + target + "']"));
					}
				}
				driver.navigate().refresh();
				return null;
			});
		screenshot("mail-" + (subject.equals(ACTIVATION_SUBJECT) ? "activation" : "password-reset-de"));
		return link;
	}

	private void logIn(String username) {
		logIn(username, TestAccounts.PASSWORD);
	}

	private void logIn(String username, String password) {
		open("/");
		browser.findElement(By.cssSelector("#login input[name=username]")).sendKeys(username);
		browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(password);
		browser.findElement(By.cssSelector("#login button")).click();
		wait.until(ExpectedConditions.urlMatches(".*/dashboard$"));
	}

	private void logOut() {
		browser.findElement(By.cssSelector("nav form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "You are logged out"));
	}

	/**
	 * Presses Tab, from the top of the page, until the element has the focus (at most 40
	 * times).
	 */
	private static void tabTo(WebElement element) {
		browser.switchTo().activeElement();
		((JavascriptExecutor) browser).executeScript("document.activeElement && document.activeElement.blur()");
		for (int presses = 0; presses < 40; presses++) {
			new Actions(browser).sendKeys(Keys.TAB).perform();
			if (browser.switchTo().activeElement().equals(element)) {
				return;
			}
		}
		throw new AssertionError("Tab never reached " + element.getAccessibleName());
	}

	private void open(String path) {
		browser.get("http://localhost:" + this.port + path);
	}

	private String text(String id) {
		return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
	}

	private void screenshot(String name) {
		byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
		try {
			Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++this.shot, name)), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		checkAccessibility(name);
	}

	/**
	 * Runs axe-core on the page as shown and keeps what it finds, so that one run lists
	 * every page's violations.
	 */
	private void checkAccessibility(String page) {
		Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(browser);
		assertThat(results.isErrored()).as("axe-core on %s: %s", page, results.getErrorMessage()).isFalse();
		assertThat(results.getPasses()).as("rules axe-core checked on %s", page).isNotEmpty();
		for (Rule rule : results.getViolations()) {
			for (CheckedNode node : rule.getNodes()) {
				this.violations.add("%s: %s (%s) %s at %s: %s".formatted(page, rule.getId(), rule.getImpact(),
						rule.getHelp(), node.getTarget(), node.getHtml()));
			}
		}
	}

	private static boolean imageShown() {
		WebElement image = browser.findElement(By.cssSelector("article.card img"));
		wait.until(
				driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("return arguments[0].complete", image));
		return (Boolean) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth > 0", image);
	}

	private static List<S3Object> uploadedObjects(String owner) {
		try (S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint())) {
			return s3
				.listObjectsV2(list -> list.bucket(AwsEmulators.shared().resources().bucket())
					.prefix("cards/uploads/" + owner + "/"))
				.contents();
		}
	}

}
