package io.cardstore.testing.nginx;

import java.time.Duration;
import java.util.List;

import io.cardstore.testing.nginx.NginxServer.Balancing;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * nginx in a container, configured as docker-compose.yml configures it: the template goes
 * to the image's template folder and its variables come from the environment. The
 * replicas run on the host, reached through Testcontainers' host gateway.
 */
final class ContainerNginxServer implements NginxServer {

	static final DockerImageName IMAGE = DockerImageName.parse("nginx:1.27-alpine");

	private final FixedHostPortGenericContainer<?> container;

	private final int port;

	private ContainerNginxServer(FixedHostPortGenericContainer<?> container, int port) {
		this.container = container;
		this.port = port;
	}

	static ContainerNginxServer start(List<String> upstreams, int port, Balancing balancing) {
		Testcontainers.exposeHostPorts(upstreams.stream().mapToInt(ContainerNginxServer::port).toArray());
		FixedHostPortGenericContainer<?> nginx = container(upstreams, port, balancing);
		nginx.start();
		return new ContainerNginxServer(nginx, port);
	}

	/**
	 * The container, not started, in front of replicas at these host addresses, which it
	 * reaches through the host gateway on the same ports.
	 */
	@SuppressWarnings("deprecation") // the port is chosen by the caller, as for the
										// native server
	static FixedHostPortGenericContainer<?> container(List<String> upstreams, int port, Balancing balancing) {
		List<String> throughGateway = upstreams.stream().map(ContainerNginxServer::throughGateway).toList();
		// Unrendered: the image fills the variables in from the environment, as in
		// docker-compose.yml.
		String template = NginxTemplate.project().text();
		FixedHostPortGenericContainer<?> nginx = new FixedHostPortGenericContainer<>(IMAGE.asCanonicalNameString());
		nginx.withFixedExposedPort(port, 80)
			.withCopyToContainer(Transferable.of(template), "/etc/nginx/templates/default.conf.template")
			.withEnv(NginxTemplate.variables(balancing, throughGateway, "80", "/dev/stdout"))
			.waitingFor(Wait.forHttp("/nginx-health"));
		return nginx;
	}

	/**
	 * The project's template rendered by the image, as docker-compose.yml has it
	 * rendered, and checked with the image's {@code nginx -t}.
	 * @return what nginx said
	 */
	static String test(List<String> upstreams) {
		try (GenericContainer<?> nginx = new GenericContainer<>(IMAGE)
			.withCopyToContainer(Transferable.of(NginxTemplate.project().text()),
					"/etc/nginx/templates/default.conf.template")
			.withEnv(NginxTemplate.variables(Balancing.ROUND_ROBIN, upstreams, "80", "/dev/stdout"))
			.withCommand("nginx", "-t")
			.withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(1)))) {
			nginx.start();
			return nginx.getLogs();
		}
	}

	private static String throughGateway(String address) {
		return GenericContainer.INTERNAL_HOST_HOSTNAME + ":" + port(address);
	}

	private static int port(String address) {
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

	@Override
	public int port() {
		return this.port;
	}

	@Override
	public String accessLog() {
		return this.container.getLogs();
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
