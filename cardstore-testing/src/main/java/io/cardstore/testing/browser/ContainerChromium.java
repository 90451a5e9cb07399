package io.cardstore.testing.browser;

import java.net.URI;
import java.time.Duration;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Chromium in Selenium's standalone image, driven through WebDriver on port 4444 (the
 * image is built for x86-64 and arm64 alike). Servers of this machine are reached through
 * Testcontainers' host gateway; files to upload are copied into the container.
 */
final class ContainerChromium implements Chromium {

	static final DockerImageName IMAGE = DockerImageName.parse("selenium/standalone-chromium:4.43.0");

	private static final int WEBDRIVER_PORT = 4444;

	/** Where files to upload go in the container. */
	private static final String FILES = "/tmp/uploads/";

	private final GenericContainer<?> container;

	private final WebDriver driver;

	private ContainerChromium(GenericContainer<?> container, WebDriver driver) {
		this.container = container;
		this.driver = driver;
	}

	@SuppressWarnings("resource") // stopped by close()
	static ContainerChromium start() {
		GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(WEBDRIVER_PORT)
			.withAccessToHost(true)
			// Chromium's renderers share memory; Docker's default 64 MB is too little.
			.withSharedMemorySize(2L * 1024 * 1024 * 1024)
			// The Selenium server answers "ready": true once it can start a browser.
			.waitingFor(Wait.forHttp("/wd/hub/status")
				.forPort(WEBDRIVER_PORT)
				.forResponsePredicate(status -> status.matches("(?s).*\"ready\"\\s*:\\s*true.*"))
				.withStartupTimeout(Duration.ofMinutes(2)));
		container.start();
		try {
			URI webDriver = URI
				.create("http://" + container.getHost() + ":" + container.getMappedPort(WEBDRIVER_PORT) + "/wd/hub");
			return new ContainerChromium(container,
					RemoteWebDriver.builder().address(webDriver).oneOf(Chromium.options()).build());
		}
		catch (RuntimeException ex) {
			container.stop();
			throw ex;
		}
	}

	@Override
	public WebDriver driver() {
		return this.driver;
	}

	@Override
	public String urlOf(int port) {
		Testcontainers.exposeHostPorts(port);
		return "http://" + GenericContainer.INTERNAL_HOST_HOSTNAME + ":" + port;
	}

	@Override
	public String fileWith(String name, byte[] content) {
		// World-readable: the image runs Chromium as a user of its own.
		this.container.copyFileToContainer(Transferable.of(content, 0644), FILES + name);
		return FILES + name;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.container.stop();
		}
	}

}
