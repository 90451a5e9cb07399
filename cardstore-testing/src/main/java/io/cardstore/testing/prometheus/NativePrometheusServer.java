package io.cardstore.testing.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.cardstore.testing.NativeProcess;

/**
 * Prometheus from the PATH (Debian's package), its configuration and data in a directory
 * of its own.
 */
final class NativePrometheusServer implements PrometheusServer {

	private static final String INSTALL = "apt-get install prometheus";

	private final NativeProcess process;

	private final Path configuration;

	private final int port;

	private NativePrometheusServer(NativeProcess process, Path configuration, int port) {
		this.process = process;
		this.configuration = configuration;
		this.port = port;
	}

	static NativePrometheusServer start(List<String> targets) {
		Path directory = NativeProcess.newDirectory("prometheus");
		int port = NativeProcess.freePort();
		Path configuration;
		try {
			configuration = Files.writeString(directory.resolve("prometheus.yml"),
					PrometheusConfiguration.scraping(targets));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path prometheus = NativeProcess.executable("prometheus", INSTALL);
		NativeProcess process = NativeProcess.create("prometheus",
				List.of(prometheus.toString(), "--config.file=" + configuration,
						"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port),
				directory);
		process.start((log) -> log.contains("Server is ready to receive web requests"), Duration.ofSeconds(30));
		return new NativePrometheusServer(process, configuration, port);
	}

	@Override
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public String checkConfig() {
		Path promtool = NativeProcess.executable("promtool", INSTALL);
		return NativeProcess.check(List.of(promtool.toString(), "check", "config", this.configuration.toString()));
	}

	@Override
	public void close() {
		this.process.stop();
	}

}
