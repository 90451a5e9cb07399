package io.cardstore.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

/**
 * A server process run by the native provider: its own working directory, its output in a
 * log file, stopped and removed on {@link #stop()} or, at the latest, when the JVM exits.
 */
public final class NativeProcess {

	private static final Set<NativeProcess> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> running.forEach(NativeProcess::stop), "native-process-reaper"));
	}

	private final String name;

	private final List<String> command;

	private final Path directory;

	private final Path log;

	private @Nullable Process process;

	private NativeProcess(String name, List<String> command, Path directory) {
		this.name = name;
		this.command = command;
		this.directory = directory;
		this.log = directory.resolve(name + ".log");
	}

	/** A process in a new temporary directory, not yet started. */
	public static NativeProcess create(String name, List<String> command, Path directory) {
		return new NativeProcess(name, List.copyOf(command), directory);
	}

	/** A new temporary directory for a server's files. */
	public static Path newDirectory(String prefix) {
		try {
			return Files.createTempDirectory("cardstore-" + prefix + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Finds an executable on the PATH (and in the sbin folders Debian installs servers
	 * in), or fails with the command that installs it.
	 */
	public static Path executable(String name, String installHint) {
		String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/local/sbin";
		return Stream.of(path.split(File.pathSeparator))
			.filter(dir -> !dir.isBlank())
			.map(dir -> Paths.get(dir, name))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(name + " is not on the PATH and no Docker engine answers. "
					+ "Install it (" + installHint + ") or start a Docker engine."));
	}

	/**
	 * Runs a checking command (such as {@code nginx -t}) to its end.
	 * @return what it printed
	 * @throws IllegalStateException with what it printed, if it exits with an error
	 */
	public static String check(List<String> command) {
		try {
			Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(check.getInputStream().readAllBytes());
			if (check.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " refused the configuration:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A TCP port on the loopback interface that nothing listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether something accepts TCP connections on this loopback port. */
	public static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Starts the process and waits until its log shows it is ready.
	 * @param ready tells from the log's text that the server accepts connections
	 */
	public synchronized void start(Predicate<String> ready, Duration timeout) {
		try {
			this.process = new ProcessBuilder(this.command).directory(this.directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			running.add(this);
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				if (ready.test(logText())) {
					return;
				}
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
							+ " before it was ready. Its log:\n" + logText());
				}
				Thread.sleep(50);
			}
			stop();
			throw new IllegalStateException(
					this.name + " was not ready within " + timeout + ". Its log:\n" + logText());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + this.name, ex);
		}
	}

	/**
	 * Stops the process (SIGTERM, then SIGKILL after ten seconds) and keeps its
	 * directory.
	 */
	public synchronized void halt() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Sends SIGKILL and waits for the process to be gone, as when its host dies. */
	public synchronized void kill() {
		if (this.process != null) {
			this.process.destroyForcibly();
			waitForExit(this.process);
		}
	}

	/** Sends SIGTERM and waits (up to a minute) for the process to finish on its own. */
	public synchronized void terminate() {
		if (this.process != null) {
			this.process.destroy();
			waitForExit(this.process);
		}
	}

	private static void waitForExit(Process process) {
		try {
			process.waitFor(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stops the process and deletes its directory. */
	public void stop() {
		halt();
		running.remove(this);
		try {
			FileSystemUtils.deleteRecursively(this.directory);
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless; the server itself is already
			// stopped.
		}
	}

	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	public Path directory() {
		return this.directory;
	}

	public String logText() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log) : "";
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

}
