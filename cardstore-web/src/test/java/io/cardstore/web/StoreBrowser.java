package io.cardstore.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.cardstore.testing.browser.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium on the store, for {@link BrowserJourneyIT}: pages opened by
 * path, the steps a person takes on them (registering and activating from the mail on
 * {@code /dev/mail}, logging in and out, tabbing to a button), and a screenshot of each
 * page in {@code target/screenshots}, checked with axe-core against WCAG 2.2 A and AA.
 */
final class StoreBrowser {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	/** axe-core's rules for WCAG 2.0, 2.1 and 2.2, levels A and AA. */
	static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	static final String ACTIVATION_SUBJECT = "Activate your CardStore account";

	private final WebDriver browser;

	private final WebDriverWait wait;

	private final String store;

	private final List<String> violations = new ArrayList<>();

	private int shot;

	/**
	 * @param browser a Chromium's driver ({@link Chromium})
	 * @param store the store's address as that browser reaches it
	 * ({@link Chromium#urlOf(int)})
	 */
	StoreBrowser(WebDriver browser, String store) {
		this.browser = browser;
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		this.store = store;
	}

	/**
	 * Removes the screenshots of an earlier run: pages renumbered since would otherwise
	 * sit beside this run's.
	 */
	static void clearScreenshots() throws IOException {
		FileSystemUtils.deleteRecursively(SCREENSHOTS);
		Files.createDirectories(SCREENSHOTS);
	}

	WebDriver driver() {
		return this.browser;
	}

	WebElement findElement(By by) {
		return this.browser.findElement(by);
	}

	/** Waits up to 20 seconds for the condition. */
	<V> V waitUntil(Function<? super WebDriver, V> condition) {
		return this.wait.until(condition);
	}

	/** The WCAG 2.2 AA violations axe-core found on the pages screenshot so far. */
	List<String> violations() {
		return this.violations;
	}

	void registerAndActivate(String username, String name) {
		open("/");
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("name")).sendKeys(name);
		this.browser.findElement(By.id("email")).sendKeys(username + "@example.com");
		this.browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
		this.browser.findElement(By.cssSelector("#register button")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Almost there"));
		screenshot("registered-" + name.split(" ")[1].toLowerCase());

		mailLink(username, ACTIVATION_SUBJECT, "/activate?").click();
		// The link shows a button: a mail scanner opening links leaves the account as it
		// was.
		WebElement activate = this.wait.until(ExpectedConditions.elementToBeClickable(By.id("activate-button")));
		screenshot("activate-" + name.split(" ")[1].toLowerCase());
		activate.click();
		assertThat(text("activation-result")).contains("Your account is active");
		screenshot("activated-" + name.split(" ")[1].toLowerCase());
	}

	/**
	 * As a person does it in a local run: the mail on /dev/mail, where every test
	 * application's mail shows, and the link of the one to this user with this subject.
	 */
	WebElement mailLink(String username, String subject, String target) {
		open("/dev/mail");
		WebElement link = new WebDriverWait(this.browser, Duration.ofSeconds(30))
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

	void logIn(String username) {
		logIn(username, TestAccounts.PASSWORD);
	}

	void logIn(String username, String password) {
		open("/");
		this.browser.findElement(By.cssSelector("#login input[name=username]")).sendKeys(username);
		this.browser.findElement(By.cssSelector("#login input[name=password]")).sendKeys(password);
		this.browser.findElement(By.cssSelector("#login button")).click();
		this.wait.until(ExpectedConditions.urlMatches(".*/dashboard$"));
	}

	void logOut() {
		this.browser.findElement(By.cssSelector("nav form button")).click();
		this.wait
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "You are logged out"));
	}

	/**
	 * Presses Tab, from the top of the page, until the element has the focus (at most 40
	 * times).
	 */
	void tabTo(WebElement element) {
		this.browser.switchTo().activeElement();
		((JavascriptExecutor) this.browser).executeScript("document.activeElement && document.activeElement.blur()");
		for (int presses = 0; presses < 40; presses++) {
			new Actions(this.browser).sendKeys(Keys.TAB).perform();
			if (this.browser.switchTo().activeElement().equals(element)) {
				return;
			}
		}
		throw new AssertionError("Tab never reached " + element.getAccessibleName());
	}

	void open(String path) {
		this.browser.get(this.store + path);
	}

	String text(String id) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
	}

	void screenshot(String name) {
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
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
		Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(this.browser);
		assertThat(results.isErrored()).as("axe-core on %s: %s", page, results.getErrorMessage()).isFalse();
		assertThat(results.getPasses()).as("rules axe-core checked on %s", page).isNotEmpty();
		for (Rule rule : results.getViolations()) {
			for (CheckedNode node : rule.getNodes()) {
				this.violations.add("%s: %s (%s) %s at %s: %s".formatted(page, rule.getId(), rule.getImpact(),
						rule.getHelp(), node.getTarget(), node.getHtml()));
			}
		}
	}

	/** Whether the browser shows the card's image: loaded, and not a broken one. */
	boolean imageShown() {
		WebElement image = this.browser.findElement(By.cssSelector("article.card img"));
		this.wait.until(
				driver -> (Boolean) ((JavascriptExecutor) driver).executeScript("return arguments[0].complete", image));
		return (Boolean) ((JavascriptExecutor) this.browser).executeScript("return arguments[0].naturalWidth > 0",
				image);
	}

}
