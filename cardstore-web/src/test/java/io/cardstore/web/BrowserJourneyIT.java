package io.cardstore.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cardstore.aws.mail.AccountMail;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole journey in a real headless Chromium: register, activate from the mail (opened on the
 * local mail page, {@link LocalMailInbox}), log in,
 * add a card with an image uploaded from the page straight to S3, sell it, a second user buys
 * it, both see their new balances, log out. A screenshot of each page goes to
 * {@code target/screenshots}.
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

	static WebDriver browser;

	static WebDriverWait wait;

	@LocalServerPort
	int port;

	int shot;

	@BeforeAll
	static void startBrowser() throws IOException {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			assertThat(Files.isExecutable(binary)).as(binary + " is missing: apt-get install chromium chromium-driver")
				.isTrue();
		}
		Files.createDirectories(SCREENSHOTS);
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--window-size=1280,900",
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
		Matcher imageKey = IMAGE_KEY.matcher(browser.findElement(By.cssSelector("article.card img")).getAttribute("src"));
		assertThat(imageKey.find()).as("the image is shown from a key of the store's own").isTrue();
		assertThat(imageShown()).as("the browser shows the image from S3").isTrue();
		screenshot("my-cards");

		browser.findElement(By.cssSelector("form.sell input[name=price]")).sendKeys("30.00");
		browser.findElement(By.cssSelector("form.sell button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "on sale for 30.00"));
		screenshot("on-sale");
		logOut();

		registerAndActivate(buyer, "Bob Buyer");
		logIn(buyer);
		open("/market");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Dragon <b>"));
		screenshot("market");
		browser.findElement(By.cssSelector("form.buy button")).click();
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
				"Your balance is now 70.00"));
		screenshot("bought");
		open("/dashboard");
		assertThat(text("balance")).isEqualTo("70.00");
		open("/cards");
		assertThat(browser.findElement(By.cssSelector("article.card h2")).getText()).isEqualTo("Dragon <b>");
		assertThat(browser.findElement(By.cssSelector("article.card img")).getAttribute("src")).contains(imageKey.group());
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

		// As a person does it in a local run: the mail on /dev/mail, where every test application's mail
		// shows, and a click on the link of the one to this user.
		open("/dev/mail");
		WebElement activate = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(driver -> {
				for (WebElement mail : driver.findElements(By.cssSelector("section.mail"))) {
					if (mail.findElement(By.className("mail-to")).getText().equals(username + "@example.com")
							&& mail.findElement(By.className("mail-subject")).getText().equals(AccountMail.ACTIVATION_SUBJECT)) {
						return mail.findElement(By.cssSelector(".mail-text a[href*='/activate?']"));
					}
				}
				driver.navigate().refresh();
				return null;
			});
		screenshot("mail-" + name.split(" ")[1].toLowerCase());
		activate.click();
		// The link shows a button: a mail scanner opening links leaves the account as it was.
		wait.until(ExpectedConditions.elementToBeClickable(By.id("activate-button"))).click();
		assertThat(text("activation-result")).contains("Your account is active");
		screenshot("activated-" + name.split(" ")[1].toLowerCase());
	}

	private void logIn(String username) {
		open("/");
		browser.findElement(By.cssSelector("#login input[name=username]")).sendKeys(username);
		browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(TestAccounts.PASSWORD);
		browser.findElement(By.cssSelector("#login button")).click();
		wait.until(ExpectedConditions.urlMatches(".*/dashboard$"));
	}

	private void logOut() {
		browser.findElement(By.cssSelector("nav form button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "You are logged out"));
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
	}

	private static boolean imageShown() {
		WebElement image = browser.findElement(By.cssSelector("article.card img"));
		wait.until(driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("return arguments[0].complete", image));
		return (Boolean) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth > 0", image);
	}

	private static List<S3Object> uploadedObjects(String owner) {
		try (S3Client s3 = AwsResources.s3Client(AwsEmulators.shared().s3Endpoint())) {
			return s3.listObjectsV2(list -> list.bucket(AwsEmulators.shared().resources().bucket())
				.prefix("cards/uploads/" + owner + "/")).contents();
		}
	}

}
