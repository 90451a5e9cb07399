package io.cardstore.testing.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.cardstore.testing.NativeProcess;
import io.cardstore.testing.nginx.NginxServer.Balancing;

/** nginx from the PATH, running the project's template, in its own directory. */
final class NativeNginxServer implements NginxServer {

	private final NativeProcess process;

	private final int port;

	private NativeNginxServer(NativeProcess process, int port) {
		this.process = process;
		this.port = port;
	}

	static NativeNginxServer start(List<String> upstreams, int port, Balancing balancing) {
		Path directory = NativeProcess.newDirectory("nginx");
		Path configuration = configure(directory, upstreams, port, balancing);
		Path nginx = NativeProcess.executable("nginx", "apt-get install nginx");
		NativeProcess process = NativeProcess.create("nginx", List.of(nginx.toString(), "-p", directory.toString(),
				"-c", configuration.toString(), "-e", directory.resolve("error.log").toString(), "-g", "daemon off;"),
				directory);
		// Ready when it answers on its port, not only once its pid file is written: a
		// master that wrote it and then ended would leave the port closed.
		process.start(log -> Files.exists(directory.resolve("nginx.pid")) && NativeProcess.accepts(port),
				Duration.ofSeconds(15));
		return new NativeNginxServer(process, port);
	}

	/**
	 * Checks the project's template, rendered, with {@code nginx -t}.
	 * @return what nginx said
	 */
	static String test(List<String> upstreams) {
		Path directory = NativeProcess.newDirectory("nginx-test");
		Path configuration = configure(directory, upstreams, NativeProcess.freePort(), Balancing.ROUND_ROBIN);
		Path nginx = NativeProcess.executable("nginx", "apt-get install nginx");
		return NativeProcess.check(List.of(nginx.toString(), "-t", "-p", directory.toString(), "-c",
				configuration.toString(), "-e", directory.resolve("error.log").toString()));
	}

	/**
	 * Writes a main configuration that includes the rendered template, with every path in
	 * the directory.
	 */
	private static Path configure(Path directory, List<String> upstreams, int port, Balancing balancing) {
		String site = NginxTemplate.project()
			// On loopback only: nothing outside this machine reaches a test's or a local
			// run's store.
			.render(NginxTemplate.variables(balancing, upstreams, "127.0.0.1:" + port,
					directory.resolve("access.log").toString()));
		String main = """
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log warn;
				events { worker_connections 1024; }
				http {
				    client_body_temp_path %1$s/client_body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    include %1$s/cardstore.conf;
				}
				""".formatted(directory);
		try {
			// nginx's workers run as an unprivileged user when started as root: let them
			// in.
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
			Files.writeString(directory.resolve("cardstore.conf"), site);
			return Files.writeString(directory.resolve("nginx.conf"), main);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String accessLog() {
		try {
			Path log = this.process.directory().resolve("access.log");
			return Files.exists(log) ? Files.readString(log) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.process.stop();
	}

}
