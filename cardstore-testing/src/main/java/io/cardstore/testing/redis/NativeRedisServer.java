package io.cardstore.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.tls.TlsFiles;

/** {@code redis-server} from the PATH, on a free loopback port, in its own directory. */
final class NativeRedisServer implements RedisServer {

	private final RedisOptions options;

	private final int port;

	private final NativeProcess process;

	private NativeRedisServer(RedisOptions options, int port, NativeProcess process) {
		this.options = options;
		this.port = port;
		this.process = process;
	}

	static NativeRedisServer start(RedisOptions options) {
		return start(options, NativeProcess.freePort(), "");
	}

	/**
	 * Starts a server on the given port, with more lines for its redis.conf (a cluster
	 * node's settings). If it does not come up, its process and directory are removed.
	 */
	static NativeRedisServer start(RedisOptions options, int port, String moreConfiguration) {
		Path binary = NativeProcess.executable("redis-server", "apt-get install redis-server");
		Path directory = NativeProcess.newDirectory("redis");
		writeConfiguration(directory, options, port, moreConfiguration);
		NativeProcess process = NativeProcess.create("redis", List.of(binary.toString(), "redis.conf"), directory);
		NativeRedisServer server = new NativeRedisServer(options, port, process);
		try {
			server.start();
		}
		catch (RuntimeException ex) {
			process.stop();
			throw ex;
		}
		return server;
	}

	private static void writeConfiguration(Path directory, RedisOptions options, int port, String moreConfiguration) {
		StringBuilder conf = new StringBuilder();
		conf.append("bind 127.0.0.1\n");
		conf.append("dir ").append(directory).append('\n');
		conf.append("daemonize no\n");
		conf.append(options.configuration(port, options.tls()));
		conf.append(moreConfiguration);
		try {
			Files.writeString(directory.resolve("redis.conf"), conf);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String host() {
		return "localhost";
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public RedisOptions options() {
		return this.options;
	}

	@Override
	public void start() {
		int startsBefore = readyLines();
		this.process.start(log -> countReadyLines(log) > startsBefore, Duration.ofSeconds(30));
	}

	@Override
	public void stop() {
		this.process.halt();
	}

	@Override
	public void close() {
		this.process.stop();
	}

	private int readyLines() {
		return countReadyLines(this.process.logText());
	}

	private static int countReadyLines(String log) {
		return log.split("Ready to accept connections", -1).length - 1;
	}

	Path directory() {
		return this.process.directory();
	}

	String logText() {
		return this.process.logText();
	}

	@Override
	public String toString() {
		return "redis-server on " + host() + ":" + this.port + " (native)";
	}

}
