package io.cardstore.testing.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium and its driver, with a profile of its own in a temporary folder
 * (apt-get install chromium chromium-driver).
 */
final class NativeChromium implements Chromium {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path files;

	private NativeChromium(ChromeDriver driver, Path files) {
		this.driver = driver;
		this.files = files;
	}

	static NativeChromium start() {
		for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
			if (!Files.isExecutable(binary)) {
				throw new IllegalStateException(binary + " is missing: apt-get install chromium chromium-driver, "
						+ "or run the tests with a Docker engine, which runs Chromium in a container");
			}
		}
		Path files;
		try {
			files = Files.createTempDirectory("chromium");
			Files.createDirectories(files.resolve("profile"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.build();
			ChromeDriver driver = new ChromeDriver(service,
					Chromium.options()
						.setBinary(CHROMIUM.toFile())
						.addArguments("--user-data-dir=" + files.resolve("profile")));
			return new NativeChromium(driver, files);
		}
		catch (RuntimeException ex) {
			delete(files);
			throw ex;
		}
	}

	private static void delete(Path folder) {
		try {
			FileSystemUtils.deleteRecursively(folder);
		}
		catch (IOException ex) {
			// A leftover temporary folder is harmless; the browser is gone.
		}
	}

	@Override
	public WebDriver driver() {
		return this.driver;
	}

	@Override
	public String urlOf(int port) {
		return "http://localhost:" + port;
	}

	@Override
	public String fileWith(String name, byte[] content) {
		try {
			return Files.write(this.files.resolve(name), content).toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.files);
		}
	}

}
