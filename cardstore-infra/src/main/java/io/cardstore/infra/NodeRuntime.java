package io.cardstore.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Node.js the AWS CDK's Java library runs its JavaScript on: the one
 * {@code JSII_NODE} names, else {@code node} from the {@code PATH}, as jsii picks it.
 * Checked before synthesis, so that a missing or end-of-life Node.js is one clear message
 * instead of a jsii stack trace or a banner nobody reads.
 *
 * @param command the command jsii starts
 * @param version what it printed for {@code --version}, or {@code null} if it did not run
 */
public record NodeRuntime(String command, @Nullable String version) {

	/**
	 * The oldest Node.js line still supported: 20 reached its end of life on 30 April
	 * 2026.
	 */
	public static final int OLDEST_SUPPORTED = 22;

	private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)\\.");

	/** The Node.js jsii would start here. */
	public static NodeRuntime current() {
		String configured = System.getenv("JSII_NODE");
		String command = (configured != null && !configured.isBlank()) ? configured : "node";
		return new NodeRuntime(command, versionOf(command));
	}

	/** The major version, or -1 if it did not run or printed something else. */
	public int major() {
		Matcher matcher = (this.version != null) ? MAJOR.matcher(this.version.strip()) : null;
		return (matcher != null && matcher.find()) ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** Throws, naming what to install, unless this Node.js is supported. */
	public NodeRuntime requireSupported() {
		int major = major();
		if (major < 0 || this.version == null) {
			throw new IllegalStateException(
					"The AWS CDK runs on Node.js, and '" + this.command + " --version' did not run: install Node.js "
							+ OLDEST_SUPPORTED + " or newer (https://nodejs.org), or name its binary in JSII_NODE");
		}
		if (major < OLDEST_SUPPORTED) {
			throw new IllegalStateException("The AWS CDK runs on Node.js, and '" + this.command + "' is "
					+ this.version.strip() + ", past its end of life: install Node.js " + OLDEST_SUPPORTED
					+ " or newer (https://nodejs.org), or name its binary in JSII_NODE");
		}
		return this;
	}

	private static @Nullable String versionOf(String command) {
		try {
			Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? output : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
