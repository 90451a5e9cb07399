package io.cardstore.testing.browser;

import java.util.List;

import io.cardstore.testing.BackingServicesProvider;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven through WebDriver: from a container when a Docker engine
 * answers, the machine's {@code /usr/bin/chromium} and {@code chromedriver} otherwise. It
 * reaches servers of this machine at {@link #urlOf(int)}, and uploads files from
 * {@link #fileWith(String, byte[])}.
 */
public interface Chromium extends AutoCloseable {

	/**
	 * What either Chromium runs with: headless, a window of a laptop's size, nothing it
	 * would fetch of its own (updates, sync), shared memory in files.
	 */
	List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
			"--disable-sync", "--window-size=1280,900");

	WebDriver driver();

	/**
	 * The address of a server on this machine's port, as this browser reaches it:
	 * {@code http://localhost:port} natively, through Testcontainers' host gateway from a
	 * container.
	 */
	String urlOf(int port);

	/**
	 * A file with this content where the browser reads files to upload; the path to type
	 * into a file input.
	 */
	String fileWith(String name, byte[] content);

	@Override
	void close();

	static Chromium start() {
		return switch (BackingServicesProvider.current()) {
			case CONTAINERS -> ContainerChromium.start();
			case NATIVE -> NativeChromium.start();
		};
	}

	static ChromeOptions options() {
		return new ChromeOptions().addArguments(ARGUMENTS);
	}

}
